package io.whizbang.runtime.aggregate;

import io.whizbang.annotations.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An event-sourced aggregate as loaded by an {@link AggregateRepository}: its state, the version it was loaded at
 * and the events raised since, which {@code save} appends and publishes in one transaction.
 *
 * <pre>{@code
 * Aggregate<Order> order = repository.create(orderId);
 * order.raise(new OrderPlaced(orderId, total));   // applied to the state at once
 * repository.save(order);
 * }</pre>
 *
 * <p>Not thread-safe: one aggregate instance serves one unit of work.
 */
public final class Aggregate<A> {
  private final AggregateType<A> type;
  private final String id;
  private A state;
  private long version;
  private final List<Event> pending = new ArrayList<>();

  Aggregate(AggregateType<A> type, String id, A state, long version) {
    this.type = type;
    this.id = id;
    this.state = state;
    this.version = version;
  }

  public String id() {
    return id;
  }

  /** The state including the raised, not yet saved, events. */
  public A state() {
    return state;
  }

  /** The stream version this instance was loaded or last saved at (0 for a new aggregate). */
  public long version() {
    return version;
  }

  /** True when the aggregate has no stored event (and was never saved). */
  public boolean isNew() {
    return version == 0;
  }

  /** Applies {@code event} to the state and keeps it for the next save. */
  public Aggregate<A> raise(Event event) {
    Objects.requireNonNull(event, "event");
    state = Objects.requireNonNull(type.apply(state, event),
        () -> type.category() + ": apply returned null for " + event.getClass().getName());
    pending.add(event);
    return this;
  }

  /** The raised events not yet saved, in order. */
  public List<Event> pendingEvents() {
    return List.copyOf(pending);
  }

  AggregateType<A> type() {
    return type;
  }

  void saved(long newVersion) {
    pending.clear();
    version = newVersion;
  }
}
