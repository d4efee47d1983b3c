package io.whizbang.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the domain that owns a message type. Put it on the type, or on {@code package-info.java} to own every
 * message type in that package; an annotation on the type wins over the package.
 *
 * <pre>{@code @OwnedBy("orders") public record PlaceOrder(...) implements Command {}}</pre>
 *
 * <p>A domain name is lower-case letters, digits and '-' ({@code [a-z][a-z0-9-]*}); it becomes part of wire names
 * and broker destinations.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface OwnedBy {
  /** The owning domain, for example {@code "orders"}. */
  String value();
}
