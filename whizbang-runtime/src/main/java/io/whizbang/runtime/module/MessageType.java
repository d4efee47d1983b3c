package io.whizbang.runtime.module;

import io.whizbang.runtime.codec.JsonCodec;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything the runtime knows about one message type, registered by generated code: its stable wire name, owning
 * domain, kind, Java type, codec and partition-key accessor.
 *
 * @param partitionKey returns the aggregate key of a message, or {@code null} when the type declares none
 * @param priority a broker priority hint, 0 (default) to 9 ({@code @Priority} on the type)
 * @param timeToLive how long a message of this type is worth handling after it was sent (or became due), or
 *     {@code null} for ever ({@code @TimeToLive} on the type)
 */
public record MessageType<T>(
    String wireName,
    String domain,
    Kind kind,
    Class<T> javaType,
    JsonCodec<T> codec,
    Function<? super T, String> partitionKey,
    int priority,
    Duration timeToLive) {

  public MessageType {
    Objects.requireNonNull(wireName, "wireName");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(javaType, "javaType");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(partitionKey, "partitionKey");
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("priority of " + wireName + " must be 0..9, was " + priority);
    }
    if (timeToLive != null && (timeToLive.isZero() || timeToLive.isNegative())) {
      throw new IllegalArgumentException("timeToLive of " + wireName + " must be positive, was " + timeToLive);
    }
  }

  /** A type whose messages live for ever. */
  public MessageType(String wireName, String domain, Kind kind, Class<T> javaType, JsonCodec<T> codec,
      Function<? super T, String> partitionKey, int priority) {
    this(wireName, domain, kind, javaType, codec, partitionKey, priority, null);
  }

  public static <T> MessageType<T> command(
      String wireName, String domain, Class<T> javaType, JsonCodec<T> codec, Function<? super T, String> key) {
    return new MessageType<>(wireName, domain, Kind.COMMAND, javaType, codec, key, 0, null);
  }

  public static <T> MessageType<T> event(
      String wireName, String domain, Class<T> javaType, JsonCodec<T> codec, Function<? super T, String> key) {
    return new MessageType<>(wireName, domain, Kind.EVENT, javaType, codec, key, 0, null);
  }

  /** This type with the broker priority {@code value} (0 to 9) for its messages. */
  public MessageType<T> withPriority(int value) {
    return new MessageType<>(wireName, domain, kind, javaType, codec, partitionKey, value, timeToLive);
  }

  /** This type with messages that expire {@code value} after they were sent (or became due). */
  public MessageType<T> withTimeToLive(Duration value) {
    return new MessageType<>(wireName, domain, kind, javaType, codec, partitionKey, priority,
        Objects.requireNonNull(value, "value"));
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
