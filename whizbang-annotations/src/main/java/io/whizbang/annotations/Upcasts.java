package io.whizbang.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method that turns one older version of a message ({@link MessageVersion}) into the next: its one
 * parameter is the record of version {@code n}, it returns the record of version {@code n + 1} (the message type
 * itself for the last step). The processor chains them at compile time, and the message's generated codec calls
 * them directly when it reads an older version.
 *
 * <pre>{@code
 * @Upcasts
 * static OrderPlaced from(OrderPlacedV1 old) {
 *   return new OrderPlaced(old.orderId(), old.total(), "EUR");
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Upcasts {}
