package io.whizbang.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How long a message of this type is worth handling after it was sent (a scheduled one: after it became due), as a
 * positive ISO-8601 duration ({@code "PT30S"}, {@code "PT15M"}, {@code "P1D"}). A consumer skips a message that
 * arrives later, without running its handler, and counts it as expired; RabbitMQ and Service Bus also drop it from
 * their queues. A send can override it ({@code SendOptions.timeToLive}). See docs/message-options.md.
 *
 * <pre>{@code @TimeToLive("PT5M") public record QuoteOffered(@PartitionKey String quoteId, long cents) implements Event {}}</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface TimeToLive {
  /** A positive ISO-8601 duration, for example {@code "PT10M"}. */
  String value();
}
