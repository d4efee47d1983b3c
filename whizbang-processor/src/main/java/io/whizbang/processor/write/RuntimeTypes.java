package io.whizbang.processor.write;

import com.palantir.javapoet.ClassName;

/** The runtime and Jackson types generated code uses; the processor itself never depends on them. */
final class RuntimeTypes {

  private RuntimeTypes() {}

  private static final String CODEC = "io.whizbang.runtime.codec";
  /** Helpers only generated code calls, in a package of their own (not part of the user API). */
  private static final String SUPPORT = "io.whizbang.runtime.generated";
  private static final String DISPATCH = "io.whizbang.runtime.dispatch";
  private static final String MODULE = "io.whizbang.runtime.module";

  static final ClassName JSON_CODEC = ClassName.get(CODEC, "JsonCodec");
  static final ClassName JSON = ClassName.get(CODEC, "Json");
  static final ClassName JSON_VALUES = ClassName.get(SUPPORT, "JsonValues");
  static final ClassName CODECS = ClassName.get(SUPPORT, "Codecs");
  static final ClassName MAP_KEY = ClassName.get(SUPPORT, "MapKey");
  static final ClassName ENUM_CODEC = ClassName.get(SUPPORT, "EnumCodec");
  static final ClassName MESSAGE_VERSIONS = ClassName.get(SUPPORT, "MessageVersions");
  static final ClassName CODEC_EXCEPTION = ClassName.get(CODEC, "CodecException");

  static final ClassName MESSAGE_DISPATCHER = ClassName.get(DISPATCH, "MessageDispatcher");
  static final ClassName PROJECTION_DISPATCHER = ClassName.get(DISPATCH, "ProjectionDispatcher");
  static final ClassName HANDLER_CONTEXT = ClassName.get(DISPATCH, "HandlerContext");
  static final ClassName HANDLER_SET = ClassName.get(DISPATCH, "HandlerSet");
  static final ClassName UNKNOWN_MESSAGE_TYPE = ClassName.get(DISPATCH, "UnknownMessageTypeException");
  static final ClassName ENVELOPE = ClassName.get("io.whizbang.runtime.envelope", "Envelope");

  static final ClassName WHIZBANG_MODULE = ClassName.get(MODULE, "WhizbangModule");
  static final ClassName MESSAGE_TYPE = ClassName.get(MODULE, "MessageType");

  static final ClassName AGGREGATE_TYPE = ClassName.get("io.whizbang.runtime.aggregate", "AggregateType");
  static final ClassName EVENT = ClassName.get("io.whizbang.annotations", "Event");

  static final ClassName JSON_GENERATOR = ClassName.get("com.fasterxml.jackson.core", "JsonGenerator");
  static final ClassName JSON_PARSER = ClassName.get("com.fasterxml.jackson.core", "JsonParser");
  static final ClassName JSON_TOKEN = ClassName.get("com.fasterxml.jackson.core", "JsonToken");
  static final ClassName SERIALIZED_STRING = ClassName.get("com.fasterxml.jackson.core.io", "SerializedString");

  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
}
