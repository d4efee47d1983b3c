package io.whizbang.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.whizbang.processor.model.MessageModel;
import io.whizbang.processor.model.PartitionKeyModel;

/**
 * The {@code MessageType.command(...)} / {@code MessageType.event(...)} expression of a message, shared by the
 * module and the aggregate types so that both describe a message identically.
 */
final class MessageTypeExpressions {

  private MessageTypeExpressions() {}

  static CodeBlock of(MessageModel message) {
    CodeBlock.Builder type = CodeBlock.builder().add("$T.$N($S, $S, $T.class, $T.INSTANCE, $L)",
        RuntimeTypes.MESSAGE_TYPE, message.kind() == MessageModel.Kind.COMMAND ? "command" : "event",
        message.wireName(), message.domain(), message.type(), message.codec(), partitionKey(message));
    // Only what the type declares, so that a type without @Priority or @TimeToLive reads as before.
    if (message.delivery().priority() != 0) {
      type.add("\n    .withPriority($L)", message.delivery().priority());
    }
    message.delivery().timeToLive().ifPresent(ttl -> type.add("\n    .withTimeToLive($T.parse($S))",
        ClassName.get("java.time", "Duration"), ttl));
    return type.build();
  }

  private static CodeBlock partitionKey(MessageModel message) {
    if (message.partitionKey().isEmpty()) {
      return CodeBlock.of("message -> null");
    }
    PartitionKeyModel key = message.partitionKey().get();
    return switch (key.style()) {
      case STRING -> CodeBlock.of("$T::$N", message.type(), key.accessor());
      case PRIMITIVE -> CodeBlock.of("message -> String.valueOf(message.$N())", key.accessor());
      case OBJECT -> CodeBlock.of("message -> $T.toString(message.$N(), null)", ClassNames.OBJECTS, key.accessor());
      case ENUM -> CodeBlock.of("message -> message.$N() == null ? null : message.$N().name()", key.accessor(),
          key.accessor());
    };
  }
}
