package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.DeadLetters;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.inbox.Inbox;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.inbox.InboxStats;
import io.whizbang.runtime.internal.LogContext;
import io.whizbang.runtime.internal.metrics.HandlerTimer;
import io.whizbang.runtime.internal.tracing.ConsumerTracing;
import io.whizbang.runtime.internal.tracing.MessageTrace;
import io.whizbang.runtime.internal.tracing.Tracing;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.outbox.ScheduledOutbox;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.thread.Threads;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.TransportLimits;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

/**
 * An inbox-guarded consumer: each delivered message is recorded in the inbox table in the same database
 * transaction as its handlers' effects and the messages they send or publish (written to the outbox), and the
 * broker is acknowledged only after that transaction committed. A redelivered message finds its inbox row and is
 * acknowledged without calling a handler, so its effects are applied exactly once.
 *
 * <pre>{@code
 * InboxConsumer consumer = InboxConsumer.builder(storage, "shipping")
 *     .dispatchers(handlers.dispatchers()).outgoing(factory)
 *     .config(InboxConfig.builder().maxBatch(50).build())          // optional: retries, batching, cleanup
 *     .build();
 * Subscription s = consumer.subscribe(transport, sources, 4);
 * }</pre>
 *
 * <p>Failures: a handler exception rolls the transaction back and the delivery is released to the broker with the
 * {@link InboxConfig.RetryPolicy}'s backoff ({@link InboxConfig}); the broker holds back later messages of the same partition
 * key until then, while other keys flow (no thread sleeps). <b>An attempt is a handler run</b>: the consumer counts the failed runs of each
 * message durably in its own table ({@code inbox_attempts}, written in a short transaction of its own after the
 * failed run), and decides retries and dead letters from that count alone, never from the broker's delivery count.
 * A message released without running (held behind a failing message of its key) or one whose handler could not
 * be started (no database) spends no attempt. After {@code maxAttempts} failed runs the message is parked in the
 * dead-letter table with its inbox row, in one transaction, and acknowledged. Bytes that are not an envelope,
 * payloads the codec rejects, messages larger than {@code maxMessageBytes} and wire names no handler handles are
 * parked at once (0 attempts).
 *
 * <p>A handler that never returns because it stops the process cannot count its own failure. So a delivery the
 * broker says is a redelivery ({@link Delivery#deliveryCount()} above 1) has its run counted just before it starts;
 * once {@code maxAttempts} runs were counted without success the message is parked without running again. A run
 * counted before it started is not counted again when it fails. Brokers without a delivery count that survives a
 * restart (Kafka) cannot feed this safety valve.
 *
 * <p>One inbox row per (subscriber id, message id): when several dispatchers of the subscriber handle one wire name,
 * they all run in the same transaction, under that one row, and succeed or fail together.
 *
 * <p>This class decides how each delivery is handled (alone, or batched) and settles it with the broker; its helpers
 * each do one job: {@link DeliveryChecks} the checks before any transaction, {@link ArrivalPolicies} the messages
 * settled without running (poison, unknown, expired, stale), {@link HandlingTransactions} the transactions that
 * apply messages, {@link InboxTransactions} the transactions themselves, {@link InboxHandlers} the dispatch and retry
 * policy, {@link FailedRuns} the retries and parking, {@link InboxDeadLetters} the dead-letter administration,
 * {@link ReplayRequests} the replays operators ask for, {@link InboxCleaner} the cleanup.
 */
public final class InboxConsumer implements Inbox, DeliveryHandler, AutoCloseable {
  private final String consumerId;
  private final InboxConfig config;
  private final InboxTable inbox;
  private final InboxHandlers handlers;
  private final DeliveryChecks checks;
  private final ArrivalPolicies policies;
  private final HandlingTransactions applying;
  private final InboxTransactions transactions;
  private final InboxCounters counters = new InboxCounters();
  private final FailedRuns failedRuns;
  private final InboxCleaner cleaner;
  private final DeadLetters deadLetters;
  private final ReplayRequests replayRequests;
  private final SqlStorage storage;
  private final ConsumerTracing tracing;

  private InboxConsumer(Builder b, InboxHandlers handlers) {
    SqlStorage storage = b.storage;
    this.consumerId = b.consumerId;
    this.config = b.config;
    this.storage = storage;
    this.inbox = new InboxTable(StorageInternals.dialect(storage), StorageInternals.tables(storage));
    Outbox outbox = new Outbox(storage, b.limits);
    this.handlers = handlers;
    this.transactions = new InboxTransactions(storage.dataSource(), config.maxIdleConnections());
    HandlerRuns runs = new HandlerRuns(StorageInternals.dialect(storage), StorageInternals.tables(storage));
    DeadLetterTable deadLetterTable = new DeadLetterTable(StorageInternals.tables(storage));
    this.failedRuns = new FailedRuns(consumerId, transactions, inbox, runs, deadLetterTable, config.retryPolicy(),
        config.clock(), counters);
    this.checks = new DeliveryChecks(consumerId, config, handlers);
    this.policies = new ArrivalPolicies(consumerId, config, failedRuns, counters);
    this.applying = new HandlingTransactions(consumerId, transactions, inbox, outbox, handlers, b.handlerTimer,
        failedRuns, counters, config.clock());
    this.cleaner = new InboxCleaner(storage.dataSource(), inbox, runs, consumerId, config,
        b.threads != null ? b.threads : StorageInternals.threads(storage), counters.cleaned);
    this.deadLetters = new InboxDeadLetters(consumerId, transactions, deadLetterTable, inbox, handlers, outbox,
        config.clock(), counters.handled::incrementAndGet);
    this.replayRequests = new ReplayRequests(storage.dataSource(), deadLetterTable, deadLetters, consumerId,
        b.threads != null ? b.threads : StorageInternals.threads(storage));
    this.tracing = b.tracing.consumer(consumerId, b.sources);
  }

  /** Starts configuring the consumer {@code consumerId} (the subscriber id) on {@code storage}'s tables. */
  public static Builder builder(SqlStorage storage, String consumerId) {
    return new Builder(storage, consumerId);
  }

  /** The subscriber id this consumer's inbox rows and dead letters are kept under. */
  public String consumerId() {
    return consumerId;
  }

  @Override
  public String subscriberId() {
    return consumerId;
  }

  /** The settings this consumer was built with. */
  public InboxConfig config() {
    return config;
  }

  /** The wire names some dispatcher of this consumer handles. */
  public Set<String> wireNames() {
    return handlers.wireNames();
  }

  /** Subscribes this consumer to {@code sources} of {@code transport} under its consumer id. */
  public Subscription subscribe(Transport transport, List<SubscriptionRequest.Source> sources, int concurrency) {
    return transport.subscribe(new SubscriptionRequest(consumerId, sources, concurrency), this);
  }

  /** List, replay and delete this consumer's dead letters. */
  @Override
  public DeadLetters deadLetters() {
    return deadLetters;
  }

  /**
   * Deletes this consumer's expired inbox rows every cleanup interval, and replays the dead letters an operator
   * marked for replay every second, each on a thread of its own, until close.
   */
  public void startCleanup() {
    cleaner.start();
    replayRequests.start();
  }

  /** The replays operators asked for (its tests drive it). */
  ReplayRequests replayRequests() {
    return replayRequests;
  }

  /** The inbox cleanup of this consumer (its tests drive it). */
  InboxCleaner cleaner() {
    return cleaner;
  }

  @Override
  public InboxStats stats() {
    return counters.stats();
  }

  @Override
  public long deleteExpired() {
    return cleaner.deleteExpired();
  }

  /** Expired inbox rows deleted since the consumer was built, by its cleanup or {@link #deleteExpired()}. */
  public long cleanedRows() {
    return counters.cleaned.get();
  }

  /** The inbox rows this consumer keeps now (one counting query; for a meter, read seldom). */
  public long countRows() throws SQLException {
    try (Connection c = storage.dataSource().getConnection()) {
      return inbox.count(c, consumerId);
    }
  }

  /** Stops the cleanup and closes the cached connections; subscriptions are closed by their owner. */
  @Override
  public void close() {
    cleaner.close();
    replayRequests.close();
    transactions.close();
  }

  @Override
  public void handle(List<Delivery> batch) {
    List<Received> items = new ArrayList<>(batch.size());
    for (Delivery d : batch) {
      items.add(checks.check(d));
    }
    // Keys released in this batch: their later messages are released unhandled, so a retry is never overtaken.
    Map<String, Duration> releasedKeys = new HashMap<>();
    int maxBatch = config.maxBatch();
    int i = 0;
    while (i < items.size()) {
      if (maxBatch > 1 && batchable(items.get(i), releasedKeys)) {
        int end = i;
        while (end < items.size() && end - i < maxBatch && batchable(items.get(end), releasedKeys)) {
          end++;
        }
        if (end - i > 1 && handleTogether(items.subList(i, end))) {
          i = end;
          continue;
        }
        // One of them failed and the shared transaction rolled back: handle each alone, in order.
        for (; i < end; i++) {
          settle(items.get(i), releasedKeys);
        }
        continue;
      }
      settle(items.get(i++), releasedKeys);
    }
  }

  private static boolean batchable(Received r, Map<String, Duration> releasedKeys) {
    // A redelivery is handled alone: its run is counted before it starts (see handleAlone).
    return r.isDispatchable() && r.staleAge == null && r.expiredAt == null && r.delivery.deliveryCount() <= 1
        && (r.partitionKey() == null || !releasedKeys.containsKey(r.partitionKey()));
  }

  private void settle(Received r, Map<String, Duration> releasedKeys) {
    String key = r.partitionKey();
    if (key != null && releasedKeys.containsKey(key)) {
      r.delivery.release(releasedKeys.get(key));
      r.trace.end(true);                             // started only when a failed batch held it
      return;
    }
    Duration retryIn;
    traced(r);
    // Also around the retry and dead-letter lines: they name the message the handler failed on.
    try (LogContext ignored = LogContext.message(r.envelope, LogContext.SUBSCRIBER, consumerId)) {
      retryIn = handleAlone(r);
    }
    r.trace.end(retryIn != null);
    if (retryIn == null) {
      r.delivery.ack();
      return;
    }
    r.delivery.release(retryIn);
    if (key != null) {
      releasedKeys.put(key, retryIn);
    }
  }

  /** Handles one message in its own transaction; null when it may be acknowledged, else the retry delay. */
  private Duration handleAlone(Received r) {
    ArrivalPolicies.Settled unrun = policies.settleUnrun(r);
    if (unrun != null) {
      return unrun.retryIn();
    }
    InboxConfig.RetryPolicy policy = handlers.policyFor(r);
    // The run's number when it was counted before it started; 0 when it is counted only if it fails.
    int counted = 0;
    if (r.delivery.deliveryCount() > 1) {
      // A redelivery: an earlier run may have stopped the process, and could not count itself.
      counted = failedRuns.countRun(r);
      if (counted > policy.maxAttempts()) {
        int ran = counted - 1;
        return failedRuns.park(r, "Handling was started " + ran + " time(s) without success (runs that stopped the"
            + " process count too); it was not run again", null, ran);
      }
    }
    return applying.applyAlone(r, policy, counted);
  }

  /** Handles several messages in one transaction; false (nothing applied) when any of them failed. */
  private boolean handleTogether(List<Received> chunk) {
    chunk.forEach(this::traced);                     // kept if the batch fails: they are then handled alone
    return applying.applyTogether(chunk);
  }

  /** Starts the span of {@code r} unless it has one (from a batch that failed). */
  private void traced(Received r) {
    if (r.trace == MessageTrace.NONE) {
      r.trace = tracing.received(r.envelope);
    }
  }

  /** Builds an {@link InboxConsumer}: its dispatchers, its outgoing factory, and its {@link InboxConfig}. */
  public static final class Builder {
    private final SqlStorage storage;
    private final String consumerId;
    private final List<MessageDispatcher> dispatchers = new ArrayList<>();
    private OutgoingFactory outgoing = OutgoingFactory.none();
    private InboxConfig config = InboxConfig.defaults();
    private Threads threads;
    private TransportLimits limits = TransportLimits.NONE;
    private HandlerTimer handlerTimer = HandlerTimer.NONE;
    private Tracing tracing = Tracing.NONE;
    private List<SubscriptionRequest.Source> sources = List.of();

    private Builder(SqlStorage storage, String consumerId) {
      this.storage = Objects.requireNonNull(storage, "storage");
      Objects.requireNonNull(consumerId, "consumerId");
      if (consumerId.isBlank() || consumerId.length() > 200) {
        throw new IllegalArgumentException("consumerId (the subscriber id) must have 1 to 200 characters, was '"
            + consumerId + "'");
      }
      this.consumerId = consumerId;
    }

    /** The generated dispatchers of the subscriber's handlers. */
    public Builder dispatchers(List<? extends MessageDispatcher> value) {
      dispatchers.addAll(value);
      return this;
    }

    /** Creates the outgoing messages of what handlers send and publish (written to the outbox). */
    public Builder outgoing(OutgoingFactory value) {
      outgoing = Objects.requireNonNull(value, "outgoing");
      return this;
    }

    /**
     * The limits of the transport the outbox's relay publishes to: a handler whose outgoing message exceeds them
     * fails, and nothing of its run is committed (default: none checked).
     */
    public Builder limits(TransportLimits value) {
      limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * Reports a span per handled message to {@code value} (default none); {@code sources}, the subscription's, name
     * each message's destination.
     */
    public Builder tracing(Tracing value, List<SubscriptionRequest.Source> sources) {
      tracing = Objects.requireNonNull(value, "tracing");
      this.sources = List.copyOf(sources);
      return this;
    }

    /** Retries, dead letters, batching and cleanup (default {@link InboxConfig#defaults()}). */
    public Builder config(InboxConfig value) {
      config = Objects.requireNonNull(value, "config");
      return this;
    }

    /** Where the cleaner's thread comes from (default: the storage's {@link SqlStorage#threads()}). */
    public Builder threads(ThreadFactory value) {
      threads = Threads.of(value);
      return this;
    }

    /** Times each message's handler run (default {@link HandlerTimer#NONE}: not timed). */
    public Builder handlerTimer(HandlerTimer value) {
      handlerTimer = Objects.requireNonNull(value, "handlerTimer");
      return this;
    }

    /** Checks the dispatchers against the config's retry overrides and builds the consumer. */
    public InboxConsumer build() {
      return new InboxConsumer(this, new InboxHandlers(consumerId, List.copyOf(dispatchers), outgoing, config,
          new ScheduledOutbox(storage, limits)));
    }
  }
}
