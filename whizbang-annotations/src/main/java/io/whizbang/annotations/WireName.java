package io.whizbang.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides a message type's wire name, the stable name that identifies it on every broker and in the event store.
 * The default is {@code <domain>.<SimpleName>} (for example {@code orders.OrderPlaced}); set this before renaming
 * or moving the Java type so that messages already stored or in flight keep decoding.
 *
 * <pre>{@code @WireName("orders.OrderPlaced") public record OrderWasPlaced(...) implements Event {}}</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WireName {
  String value();
}
