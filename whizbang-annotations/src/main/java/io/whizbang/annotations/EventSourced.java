package io.whizbang.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the state of an event-sourced aggregate. The state is rebuilt by replaying the aggregate's events through
 * its {@link Applies} methods; the processor generates {@code <Type>_AggregateType}, which an
 * {@code AggregateRepository} uses to load and save the aggregate without reflection.
 *
 * <p>The type is a record (immutable: each applier returns the next state) or a class (mutable: appliers may
 * return {@code void} and change it in place). It declares the state before the first event as a non-private
 * static factory {@code initial(String id)} returning the type:
 *
 * <pre>{@code
 * @EventSourced
 * public record Order(String id, Status status, List<OrderLine> lines) {
 *   static Order initial(String id) { return new Order(id, Status.NEW, List.of()); }
 *
 *   @Applies Order on(OrderPlaced e) { return new Order(id, Status.PLACED, e.lines()); }
 *   @Applies Order on(OrderCancelled e) { return new Order(id, Status.CANCELLED, lines); }
 * }
 *
 * AggregateRepository<Order> orders = new AggregateRepository<>(storage, new Order_AggregateType());
 * }</pre>
 *
 * <p>All events an aggregate applies belong to one domain, the one its service owns.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface EventSourced {
  /**
   * The event-store stream category; an aggregate's stream is {@code <category>-<id>}. Empty (the default) means
   * {@code <domain>.<SimpleName>} of the applied events' domain, for example {@code "orders.Order"}. Changing it
   * later hides the streams already stored under the old name.
   */
  String category() default "";
}
