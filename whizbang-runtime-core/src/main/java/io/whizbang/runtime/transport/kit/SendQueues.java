package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The publish side of a transport whose client sends batches synchronously (SQS, Service Bus): {@link #publish}
 * splits a call's messages by the broker destination they go to and queues them there behind the messages of
 * earlier calls; each destination's queue is sent by one task of the pool at a time.
 *
 * <ul>
 *   <li><b>Order across calls.</b> Two calls that happen one after the other (from one thread, awaited or not) reach
 *       the broker in that order, which a pool running each call on its own thread would not keep.
 *   <li><b>Batching.</b> The messages of calls that arrive while a send is under way are sent together afterwards.
 *   <li><b>Independence.</b> Destinations have their own queues; the pool sends to several at once, and a
 *       destination sends at most {@code maxPerRound} messages before its next round queues behind the others.
 *   <li><b>A failed key.</b> When a message fails, the messages of its partition key still waiting for its
 *       destination fail with it (never as poison), so that none overtakes it when the relay publishes it again.
 *   <li><b>Close.</b> Once the pool refuses tasks, new calls fail with {@link IllegalStateException}; a round in
 *       progress sends what was already handed over, for the transport's close waits for the pool.
 * </ul>
 *
 * @param <K> what names a broker destination (a queue name, a {@link Destination})
 */
public final class SendQueues<K> {

  private final Function<Destination, K> destinationOf;
  private final Function<K, SendQueue> newQueue;
  private final Map<K, SendQueue> queues = new ConcurrentHashMap<>();

  private SendQueues(Builder<K> b) {
    String transport = b.transport;
    Executor pool = b.pool;
    int maxPerRound = b.maxPerRound;
    BiFunction<K, List<OutgoingMessage>, Throwable[]> sender = b.sender;
    BiFunction<OutgoingMessage, Throwable, ? extends Throwable> heldBehind = b.heldBehind != null ? b.heldBehind
        : (message, earlier) -> PublishFailures.heldBehind(transport, message, earlier);
    this.destinationOf = b.destinationOf;
    this.newQueue = key -> new SendQueue("Cannot publish to '" + key + "': the " + transport + " transport is closed",
        pool, maxPerRound, messages -> sender.apply(key, messages), heldBehind);
  }

  /**
   * @param transport names the transport in errors ({@code "SQS"})
   * @param pool the threads that send; shut it down, then await it, to close
   * @param destinationOf the broker destination a message's {@link Destination} goes to; an exception fails the
   *     futures of those messages of the call with it
   * @param sender sends one broker destination's messages in list order and returns, per message, {@code null} when
   *     the broker accepted it, else why not; an exception fails every message it was given
   */
  public static <K> Builder<K> builder(String transport, Executor pool, Function<Destination, K> destinationOf,
      BiFunction<K, List<OutgoingMessage>, Throwable[]> sender) {
    return new Builder<>(transport, pool, destinationOf, sender);
  }

  /** Queues the messages behind those of earlier calls; one future per message, in the order given. */
  public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
    List<CompletableFuture<Void>> futures = new ArrayList<>(batch.size());
    Map<Destination, List<SendQueue.Pending>> byDestination = new LinkedHashMap<>();
    for (OutgoingMessage m : batch) {
      CompletableFuture<Void> future = new CompletableFuture<>();
      futures.add(future);
      byDestination.computeIfAbsent(m.destination(), d -> new ArrayList<>()).add(new SendQueue.Pending(m, future));
    }
    byDestination.forEach((destination, pending) -> {
      K key;
      try {
        key = destinationOf.apply(destination);
      } catch (RuntimeException e) {
        pending.forEach(p -> p.future().completeExceptionally(e));
        return;
      }
      queues.computeIfAbsent(key, newQueue).enqueue(pending);
    });
    return futures;
  }

  /** Settings of {@link SendQueues}. */
  public static final class Builder<K> {
    private final String transport;
    private final Executor pool;
    private final Function<Destination, K> destinationOf;
    private final BiFunction<K, List<OutgoingMessage>, Throwable[]> sender;
    private int maxPerRound = 500;
    private BiFunction<OutgoingMessage, Throwable, ? extends Throwable> heldBehind;

    private Builder(String transport, Executor pool, Function<Destination, K> destinationOf,
        BiFunction<K, List<OutgoingMessage>, Throwable[]> sender) {
      this.transport = Objects.requireNonNull(transport, "transport");
      this.pool = Objects.requireNonNull(pool, "pool");
      this.destinationOf = Objects.requireNonNull(destinationOf, "destinationOf");
      this.sender = Objects.requireNonNull(sender, "sender");
    }

    /** Messages a destination sends per task before the others get a turn. Default 500. */
    public Builder<K> maxPerRound(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxPerRound must be at least 1, was " + value);
      }
      maxPerRound = value;
      return this;
    }

    /**
     * The failure of a waiting message held back behind an earlier failed one of its key, given the message and the
     * earlier failure. It must not carry a permanent cause. Default {@link PublishFailures#heldBehind}.
     */
    public Builder<K> heldBehind(BiFunction<OutgoingMessage, Throwable, ? extends Throwable> value) {
      heldBehind = Objects.requireNonNull(value, "heldBehind");
      return this;
    }

    public SendQueues<K> build() {
      return new SendQueues<>(this);
    }
  }
}
