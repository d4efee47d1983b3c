package io.whizbang.runtime.aggregate;

import io.whizbang.annotations.Event;
import io.whizbang.runtime.module.MessageType;
import java.util.List;

/**
 * How to rebuild one kind of event-sourced aggregate from its events, without reflection. The annotation
 * processor generates one per {@code @EventSourced} state type ({@code Order_AggregateType}), calling its
 * {@code initial(String id)} factory and its {@code @Applies} methods directly. It can also be written by hand:
 *
 * <pre>{@code
 * final class OrderType implements AggregateType<Order> {
 *   public String category() { return "orders.Order"; }
 *   public Order initial(String id) { return Order.initial(id); }
 *   public Order apply(Order state, Event event) {
 *     if (event instanceof OrderPlaced e) return state.on(e);
 *     if (event instanceof OrderShipped e) return state.on(e);
 *     throw new IllegalArgumentException("Order has no @Applies method for " + event.getClass().getName());
 *   }
 *   public List<MessageType<? extends Event>> eventTypes() {
 *     return List.of(
 *         MessageType.event("orders.OrderPlaced", "orders", OrderPlaced.class, OrderPlaced_JsonCodec.INSTANCE,
 *             OrderPlaced::orderId),
 *         MessageType.event("orders.OrderShipped", "orders", OrderShipped.class, OrderShipped_JsonCodec.INSTANCE,
 *             OrderShipped::orderId));
 *   }
 * }
 * }</pre>
 *
 * @param <A> the aggregate's state; immutable (a record: {@code apply} returns a new value) or mutable
 *     ({@code apply} changes it and returns it)
 */
public interface AggregateType<A> {

  /** The stream category, for example {@code "orders.Order"}; an aggregate's stream is {@code category-id}. */
  String category();

  /** The state before the first event. */
  A initial(String id);

  /** The state after {@code event}; called on load for every stored event and on every raised event. */
  A apply(A state, Event event);

  /** The message types of every event this aggregate raises or replays: wire names, owning domain and codecs. */
  List<MessageType<? extends Event>> eventTypes();

  /** The event-store stream id of the aggregate {@code id}. */
  default String streamId(String id) {
    return category() + "-" + id;
  }
}
