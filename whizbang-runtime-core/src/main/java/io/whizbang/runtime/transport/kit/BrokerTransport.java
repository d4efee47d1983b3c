package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.TransportStats;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The base of every broker's {@link Transport}: the part each would write the same way, so that a broker module
 * writes only what sending, subscribing and releasing its clients mean for its broker.
 *
 * <ul>
 *   <li>{@link #publish} refuses to run after close, warns about priorities on a broker that has none
 *       ({@link IgnoredPriorities}), hands the batch to {@link #send} and counts the outcome of every future;
 *   <li>{@link #subscribe} checks its arguments, refuses to run after close and tracks what {@link #open} returns,
 *       so that closing the transport closes it;
 *   <li>{@link #stats()} is the {@link TransportCounters} with the broker's own {@link #details()};
 *   <li>{@link #close()} closes the open subscriptions once, then calls {@link #release()}.
 * </ul>
 *
 * <pre>{@code
 * public final class XxxTransport extends BrokerTransport<XxxConfig> {
 *   public static XxxTransport connect(XxxConfig config) { return new XxxTransport(config); }
 *   private XxxTransport(XxxConfig config) { super("xxx", "Xxx", false, config); }
 *   protected List<CompletableFuture<Void>> send(List<OutgoingMessage> batch) { ... }
 *   protected Subscription open(SubscriptionRequest request, DeliveryHandler handler) { ... }
 *   protected void release() { ... }   // the broker's clients
 * }
 * }</pre>
 */
public abstract class BrokerTransport<C extends BrokerConfig> implements Transport {

  private final String name;
  private final C config;
  private final IgnoredPriorities priorities;
  private final TransportLifecycle lifecycle;
  private final TransportCounters counters = new TransportCounters();

  /**
   * @param name the transport's {@link #name()} ({@code "kafka"})
   * @param broker how errors and warnings name the broker ({@code "Kafka"})
   * @param honoursPriorities whether the broker orders messages by priority; when not, a prioritised message is
   *     warned about once per type
   */
  protected BrokerTransport(String name, String broker, boolean honoursPriorities, C config) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.priorities = honoursPriorities ? null : new IgnoredPriorities(broker);
    this.lifecycle = new TransportLifecycle(broker);
  }

  @Override
  public final String name() {
    return name;
  }

  /** The configuration this transport runs with. */
  public C config() {
    return config;
  }

  /** Open or closed, and the open subscriptions (a subscription forgets itself there when it closes). */
  protected final TransportLifecycle lifecycle() {
    return lifecycle;
  }

  /** The counters behind {@link #stats()}, which the deliveries count their settlements in. */
  protected final TransportCounters counters() {
    return counters;
  }

  @Override
  public final List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
    lifecycle.ensureOpen("publish");
    if (priorities != null) {
      priorities.check(batch);
    }
    return counters.countPublishes(send(batch));
  }

  /** Sends {@code batch}, one future per message in list order, keeping the ordering contract. */
  protected abstract List<CompletableFuture<Void>> send(List<OutgoingMessage> batch);

  @Override
  public final Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(handler, "handler");
    lifecycle.ensureOpen("subscribe");
    return lifecycle.track(open(request, handler));
  }

  /** Starts consuming for {@code request}; the subscription calls {@code lifecycle().forget(it)} when it closes. */
  protected abstract Subscription open(SubscriptionRequest request, DeliveryHandler handler);

  /** What the transport did since it started, with the broker's {@link #details()}. */
  @Override
  public final TransportStats stats() {
    return counters.snapshot(name, !lifecycle.isClosed(), lifecycle.openSubscriptions(), details());
  }

  /** The broker's own counters by name, for {@link TransportStats#details()}; none by default. */
  protected Map<String, Long> details() {
    return Map.of();
  }

  /** Closes every open subscription (each letting its handlers finish), then {@link #release()}. Idempotent. */
  @Override
  public final void close() {
    if (lifecycle.close()) {
      release();
    }
  }

  /** Releases the broker's clients, threads and connections; called once, after the subscriptions closed. */
  protected abstract void release();

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + config + "]";
  }
}
