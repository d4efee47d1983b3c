package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.thread.Threads;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.TransportStats;
import io.whizbang.runtime.transport.kit.IgnoredPriorities;
import io.whizbang.runtime.transport.kit.PublishFailures;
import io.whizbang.runtime.transport.kit.TransportCounters;
import io.whizbang.runtime.transport.kit.TransportLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default transport: brokerless, in one JVM, with the same guarantees as the broker adapters.
 *
 * <pre>{@code
 * Transport transport = InMemoryTransport.builder().partitions(16).capacityPerSubscriber(100_000).build();
 * }</pre>
 *
 * <ul>
 *   <li>Each subscriber id is a consumer group with its own copy of every message it is bound to; its open
 *       subscriptions compete for the group's partitions (a message's partition is its key's hash), and each
 *       subscription runs {@code concurrency} lanes, threads named {@code whizbang-memory-<subscriber>-<n>-lane-<i>}.
 *   <li>One key is delivered in publish order, one message at a time, also across releases, crashes and
 *       rebalances; other keys keep flowing while one waits out a delayed release.
 *   <li>A publish is confirmed once the message is queued for every bound subscriber. Events published while no
 *       subscriber is bound reach no one (as on a broadcast exchange); commands published before their owner
 *       subscribed are held for it.
 *   <li>Memory is bounded: a subscriber holds at most {@code capacityPerSubscriber} unacknowledged messages (and a
 *       command destination at most that many unclaimed commands). A message that would exceed it is refused
 *       whole: its future fails with {@link InMemoryTransportFullException} and the caller retries later. The later
 *       messages of its key (on that destination) in the same publish call are refused with it.
 *   <li>A message larger than {@code maxMessageBytes} (default 16 MiB) is refused at publish with
 *       {@link InMemoryMessageTooLargeException}, as a broker refuses one over its limit.
 *   <li>Nothing survives the JVM: it is meant for tests, demos and single-process deployments.
 * </ul>
 */
public final class InMemoryTransport implements Transport {

  private final IgnoredPriorities priorities = new IgnoredPriorities("The in-memory transport");

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryTransport.class);

  private final int partitions;
  private final int capacity;
  private final int maxMessageBytes;
  private final int maxBatch;
  private final Duration failureBackoff;
  private final Duration closeTimeout;

  private final Object lock = new Object();
  private final Map<Destination, Topic> topics = new HashMap<>();
  private final Map<String, ConsumerGroup> groups = new HashMap<>();
  private final TransportLifecycle lifecycle = new TransportLifecycle("in-memory");
  private final TransportCounters counters = new TransportCounters();
  private int subscriptionCount;
  private final Threads threads;

  /** A transport with the default settings. */
  public InMemoryTransport() {
    this(builder());
  }

  private InMemoryTransport(Builder b) {
    this.partitions = b.partitions;
    this.capacity = b.capacityPerSubscriber;
    this.maxMessageBytes = b.maxMessageBytes;
    this.maxBatch = b.maxBatch;
    this.failureBackoff = b.failureBackoff;
    this.closeTimeout = b.closeTimeout;
    this.threads = b.threads;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "in-memory";
  }

  @Override
  public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
    Objects.requireNonNull(batch, "batch");
    priorities.check(batch);
    List<CompletableFuture<Void>> confirmations = new ArrayList<>(batch.size());
    synchronized (lock) {
      lifecycle.ensureOpen("publish");
      long now = System.nanoTime();
      // The ordering contract: once a message of a key is refused, the later ones of that key in this call are
      // refused too, although consumers may free capacity meanwhile (they settle without this lock).
      Map<KeyOf, Throwable> refused = new HashMap<>();
      for (OutgoingMessage message : batch) {
        KeyOf key = KeyOf.of(message);
        Throwable earlier = key == null ? null : refused.get(key);
        CompletableFuture<Void> confirmation = earlier != null
            ? CompletableFuture.failedFuture(PublishFailures.heldBehind("In-memory transport", message, earlier))
            : enqueue(message, now);
        if (key != null && earlier == null && confirmation.isCompletedExceptionally()) {
          refused.put(key, confirmation.handle((ok, error) -> error).join());
        }
        confirmations.add(confirmation);
      }
    }
    return counters.countPublishes(confirmations);
  }

  /** The unit of ordering: a partition key on a destination. */
  private record KeyOf(Destination destination, String partitionKey) {
    static KeyOf of(OutgoingMessage m) {
      return m.partitionKey() == null ? null : new KeyOf(m.destination(), m.partitionKey());
    }
  }

  private CompletableFuture<Void> enqueue(OutgoingMessage message, long now) {
    if (message.body().length > maxMessageBytes) {
      // As a broker refuses an oversized message: the bound keeps one message from taking the heap.
      return CompletableFuture.failedFuture(new InMemoryMessageTooLargeException("In-memory transport: message "
          + message.messageId() + " (" + message.wireName() + ") is " + message.body().length + " bytes, more than"
          + " maxMessageBytes (" + maxMessageBytes + "); it was not sent. Keep large data out of messages, or raise"
          + " InMemoryTransport.builder().maxMessageBytes(...)"));
    }
    Topic topic = topics.computeIfAbsent(message.destination(), Topic::new);
    List<ConsumerGroup> bound = topic.groupsFor(message.wireName());
    if (bound.isEmpty()) {
      if (!topic.holdsUnclaimed()) {
        LOG.debug("No subscriber for {} on {}; the event reaches no one", message.wireName(),
            message.destination().conventionalName());
        return CompletableFuture.completedFuture(null);
      }
      if (topic.unclaimedCount() >= capacity) {
        return CompletableFuture.failedFuture(new InMemoryTransportFullException("In-memory transport: "
            + topic.unclaimedCount() + " commands already wait for an owner on "
            + message.destination().conventionalName() + " (capacity " + capacity + "); refused message "
            + message.messageId() + " (" + message.wireName() + "). Start the owning service or raise "
            + "InMemoryTransport.builder().capacityPerSubscriber(...)"));
      }
      topic.holdUnclaimed(message);
      return CompletableFuture.completedFuture(null);
    }
    for (ConsumerGroup group : bound) {
      int held = group.size();
      if (held >= capacity) {
        return CompletableFuture.failedFuture(new InMemoryTransportFullException("In-memory transport: subscriber '"
            + group.subscriberId + "' already holds " + held + " unacknowledged messages (capacity " + capacity
            + "); refused message " + message.messageId() + " (" + message.wireName() + ") to "
            + message.destination().conventionalName() + ". Let it catch up, or raise "
            + "InMemoryTransport.builder().capacityPerSubscriber(...)"));
      }
    }
    for (ConsumerGroup group : bound) {
      group.enqueue(message, now);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(handler, "handler");
    MemorySubscription subscription;
    synchronized (lock) {
      lifecycle.ensureOpen("subscribe");
      ConsumerGroup group = groups.computeIfAbsent(request.subscriberId(), id -> new ConsumerGroup(id, partitions));
      Map<Destination, Set<String>> wanted = new HashMap<>();
      long now = System.nanoTime();
      for (SubscriptionRequest.Source source : request.sources()) {
        wanted.computeIfAbsent(source.destination(), d -> new HashSet<>()).addAll(source.wireNames());
        topics.computeIfAbsent(source.destination(), Topic::new).bind(group, source.wireNames(), now);
      }
      int number = ++subscriptionCount;
      List<MemoryLane> lanes = new ArrayList<>(request.concurrency());
      for (int i = 0; i < request.concurrency(); i++) {
        lanes.add(new MemoryLane(group, Map.copyOf(wanted), handler, maxBatch, failureBackoff, counters, threads,
            "whizbang-memory-" + request.subscriberId() + "-" + number + "-lane-" + i));
      }
      subscription = new MemorySubscription("in-memory subscription " + number + " of '" + request.subscriberId()
          + "'", group, lanes, closeTimeout, lifecycle::forget);
      lifecycle.track(subscription);
      group.join(lanes);
      subscription.start();
    }
    return subscription;
  }

  /** Counts only what every transport counts; there is nothing broker-specific. */
  @Override
  public TransportStats stats() {
    return counters.snapshot(name(), !lifecycle.isClosed(), lifecycle.openSubscriptions(), Map.of());
  }

  @Override
  public void close() {
    if (!lifecycle.close()) {
      return;
    }
    synchronized (lock) {
      topics.clear();
      groups.clear();
    }
  }

  /** Settings of an {@link InMemoryTransport}; every value has a sensible default. */
  public static final class Builder {
    private int partitions = 16;
    private int capacityPerSubscriber = 100_000;
    private int maxMessageBytes = 16 * 1024 * 1024;
    private int maxBatch = 64;
    private Duration failureBackoff = Duration.ofSeconds(1);
    private Duration closeTimeout = Duration.ofSeconds(5);
    private Threads threads = Threads.defaults();

    private Builder() {}

    /** Partitions per subscriber id; at most this many lanes of one subscriber id work in parallel. Default 16. */
    public Builder partitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /** Unacknowledged messages one subscriber id may hold before publishes to it are refused. Default 100,000. */
    public Builder capacityPerSubscriber(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacityPerSubscriber must be at least 1, was " + capacity);
      }
      this.capacityPerSubscriber = capacity;
      return this;
    }

    /** Larger messages are refused at publish, as a broker would (1 byte to 1 GiB). Default 16 MiB. */
    public Builder maxMessageBytes(int value) {
      if (value < 1 || value > 1024 * 1024 * 1024) {
        throw new IllegalArgumentException("maxMessageBytes must be between 1 and 1073741824, was " + value);
      }
      this.maxMessageBytes = value;
      return this;
    }

    /** The largest batch handed to a delivery handler at once. Default 64. */
    public Builder maxBatch(int maxBatch) {
      if (maxBatch < 1) {
        throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
      }
      this.maxBatch = maxBatch;
      return this;
    }

    /** How long a batch waits before redelivery when its handler threw instead of settling. Default 1 s. */
    public Builder failureBackoff(Duration backoff) {
      this.failureBackoff = requireNonNegative(backoff, "failureBackoff");
      return this;
    }

    /** How long {@code close()} waits for a handler to return. Default 5 s. */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = requireNonNegative(timeout, "closeTimeout");
      return this;
    }

    /** Where the lanes' threads come from (default: platform daemon threads; see {@link Threads}). */
    public Builder threads(ThreadFactory factory) {
      this.threads = Threads.of(factory);
      return this;
    }

    public InMemoryTransport build() {
      return new InMemoryTransport(this);
    }

    private static Duration requireNonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      return d;
    }
  }
}
