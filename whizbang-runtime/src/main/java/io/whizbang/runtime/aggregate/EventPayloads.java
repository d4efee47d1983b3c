package io.whizbang.runtime.aggregate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.module.MessageType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Event ⇄ payload bytes through the generated codecs, looked up by wire name or Java type (no reflection). */
final class EventPayloads {
  /** The codecs' factory, so stored events are read within the same {@code CodecLimits} as messages. */
  private static final JsonFactory JSON = io.whizbang.runtime.codec.Json.factory();

  private final String owner;
  private final Map<String, MessageType<? extends Event>> byWireName = new HashMap<>();
  private final Map<Class<?>, MessageType<? extends Event>> byJavaType = new HashMap<>();

  EventPayloads(String owner, List<MessageType<? extends Event>> types) {
    this.owner = owner;
    for (MessageType<? extends Event> type : types) {
      if (byWireName.put(type.wireName(), type) != null) {
        throw new IllegalArgumentException(owner + " declares the wire name " + type.wireName() + " twice");
      }
      byJavaType.put(type.javaType(), type);
    }
  }

  MessageType<? extends Event> typeOf(Event event) {
    MessageType<? extends Event> type = byJavaType.get(event.getClass());
    if (type == null) {
      throw new IllegalArgumentException(owner + " has no message type for " + event.getClass().getName()
          + ": list it in the aggregate type's eventTypes()");
    }
    return type;
  }

  /** The headers of a stored event of {@code type}: {@code headers} with the version its codec writes. */
  static Map<String, String> versioned(MessageType<?> type, Map<String, String> headers) {
    return io.whizbang.runtime.generated.MessageVersions.headers(headers, type.codec());
  }

  @SuppressWarnings("unchecked")
  <T extends Event> byte[] encode(MessageType<T> type, Event event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      type.codec().write(json, (T) event);
    } catch (IOException e) {
      throw new CodecException("Cannot encode " + type.wireName() + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  @SuppressWarnings("unchecked")
  <T extends Event> String partitionKey(MessageType<T> type, Event event) {
    return type.partitionKeyOf((T) event);
  }

  /** The stored event, upcast to its current version when it was written as an older one. */
  Event decode(io.whizbang.runtime.envelope.Envelope stored) {
    String wireName = stored.wireName();
    MessageType<? extends Event> type = byWireName.get(wireName);
    if (type == null) {
      throw new IllegalStateException(owner + " found an event of unknown wire name '" + wireName
          + "' in its stream: list its type in the aggregate type's eventTypes()");
    }
    try {
      return io.whizbang.runtime.generated.MessageVersions.decode(type.codec(), stored);
    } catch (CodecException e) {
      throw new CodecException("Cannot decode a stored " + wireName + " of " + owner + ": " + e.getMessage(), e);
    }
  }
}
