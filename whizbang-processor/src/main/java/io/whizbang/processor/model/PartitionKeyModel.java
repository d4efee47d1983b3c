package io.whizbang.processor.model;

/**
 * How to turn a message's partition-key component into the key string.
 *
 * @param accessor the record component name
 * @param style STRING as is, OBJECT via toString (null-safe), PRIMITIVE via String.valueOf, ENUM via name()
 *     (null-safe): the constant's name, as the codec writes it, never a toString() that may be overridden
 */
public record PartitionKeyModel(String accessor, Style style) {
  public enum Style {
    STRING,
    OBJECT,
    PRIMITIVE,
    ENUM
  }
}
