package io.whizbang.runtime.module;

import io.whizbang.runtime.codec.JsonCodec;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything the runtime knows about one message type, registered by generated code: its stable wire name, owning
 * domain, kind, Java type, codec and partition-key accessor.
 *
 * @param partitionKey returns the aggregate key of a message, or {@code null} when the type declares none
 * @param priority a broker priority hint, 0 (default) to 9
 */
public record MessageType<T>(
    String wireName,
    String domain,
    Kind kind,
    Class<T> javaType,
    JsonCodec<T> codec,
    Function<? super T, String> partitionKey,
    int priority) {

  public MessageType {
    Objects.requireNonNull(wireName, "wireName");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(javaType, "javaType");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(partitionKey, "partitionKey");
  }

  public static <T> MessageType<T> command(
      String wireName, String domain, Class<T> javaType, JsonCodec<T> codec, Function<? super T, String> key) {
    return new MessageType<>(wireName, domain, Kind.COMMAND, javaType, codec, key, 0);
  }

  public static <T> MessageType<T> event(
      String wireName, String domain, Class<T> javaType, JsonCodec<T> codec, Function<? super T, String> key) {
    return new MessageType<>(wireName, domain, Kind.EVENT, javaType, codec, key, 0);
  }

  /** The partition key of {@code message}, or {@code null} when this type declares none. */
  public String partitionKeyOf(T message) {
    return partitionKey.apply(message);
  }

  /** Whether a message type is routed to its owner (command) or broadcast from it (event). */
  public enum Kind {
    COMMAND,
    EVENT
  }
}
