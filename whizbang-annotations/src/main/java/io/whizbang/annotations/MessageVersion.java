package io.whizbang.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The version of a message's shape. On a message record it is the version the code writes (1 when absent); on a
 * record that is not a message, with {@link #of}, it keeps an older shape of that message so that messages stored
 * or in flight in that shape still decode: an {@link Upcasts} method turns each older version into the next.
 *
 * <pre>{@code
 * @MessageVersion(2)
 * @OwnedBy("orders")
 * public record OrderPlaced(UUID orderId, BigDecimal total, String currency) implements Event {
 *   @Upcasts
 *   static OrderPlaced from(OrderPlacedV1 old) {
 *     return new OrderPlaced(old.orderId(), old.total(), "EUR");
 *   }
 * }
 *
 * @MessageVersion(value = 1, of = OrderPlaced.class)
 * public record OrderPlacedV1(UUID orderId, BigDecimal total) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MessageVersion {
  /** The version, from 1. */
  int value();

  /** On an older shape: the message type it is an older version of; left out on the message itself. */
  Class<?> of() default void.class;
}
