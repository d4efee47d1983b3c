package io.whizbang.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose {@link Handles} methods fold one domain's events into a read model. A projection handles
 * events of its {@link #source()} domain only (never commands), and a new projection first backfills the source's
 * whole history before it consumes live events.
 *
 * <pre>{@code
 * @Projection(name = "order-analytics", source = "orders")
 * final class OrderAnalytics { @Handles void on(OrderPlaced e) { ... } }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Projection {
  /** The projection's stable name: its checkpoint and inbox are kept under it ({@code [a-z][a-z0-9-]*}). */
  String name();

  /** The domain whose events this projection folds, for example {@code "orders"}. */
  String source();
}
