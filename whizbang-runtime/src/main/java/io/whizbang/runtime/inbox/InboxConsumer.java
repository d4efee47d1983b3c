package io.whizbang.runtime.inbox;

import io.whizbang.runtime.WhizbangException;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.retry.RetryPolicy;
import io.whizbang.runtime.sql.SqlStorage;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An inbox-guarded consumer: each delivered message is recorded in the inbox table in the same database
 * transaction as its handlers' effects and the messages they send or publish (written to the outbox), and the
 * broker is acknowledged only after that transaction committed. A redelivered message finds its inbox row and is
 * acknowledged without calling a handler, so its effects are applied exactly once.
 *
 * <pre>{@code
 * InboxConsumer consumer = InboxConsumer.builder(storage, "shipping")
 *     .dispatchers(handlers.dispatchers()).outgoing(factory).build();
 * Subscription s = consumer.subscribe(transport, sources, 4);
 * }</pre>
 *
 * <p>Failures: a handler exception rolls the transaction back and the delivery is released to the broker with the
 * {@link RetryPolicy}'s backoff; the broker holds back later messages of the same partition key until then, while
 * other keys flow (no thread sleeps). <b>An attempt is a handler run</b>: the consumer counts the failed runs of each
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
 */
public final class InboxConsumer implements DeliveryHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InboxConsumer.class);

  /** Inbox rows deleted per cleanup statement unless {@link Builder#cleanup} says otherwise. */
  public static final int DEFAULT_CLEANUP_BATCH = 1000;

  private final String consumerId;
  private final InboxTable inbox;
  private final HandlerRuns runs;
  private final DeadLetterTable deadLetterTable;
  private final Outbox outbox;
  private final OutgoingFactory outgoing;
  private final Map<String, List<MessageDispatcher>> byWireName;
  private final RetryPolicy defaultPolicy;
  private final Map<String, RetryPolicy> policyByWireName;
  private final Map<String, RetryPolicy> policyByHandler;
  private final UnknownTypePolicy unknownTypes;
  private final StaleMessagePolicy staleMessages;
  private final Duration retention;
  private final int maxBatch;
  private final int maxMessageBytes;
  private final Clock clock;
  private final ConnectionCache connections;
  private final HandleSource handles = new HandleSource();
  private final InboxCleaner cleaner;
  private final DeadLetters deadLetters;
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong ignored = new AtomicLong();

  private InboxConsumer(Builder b) {
    this.consumerId = b.consumerId;
    this.inbox = new InboxTable(b.storage.dialect(), b.storage.tables());
    this.runs = new HandlerRuns(b.storage.dialect(), b.storage.tables());
    this.deadLetterTable = new DeadLetterTable(b.storage.tables());
    this.outbox = new Outbox(b.storage);
    this.outgoing = b.outgoing;
    this.byWireName = b.byWireName;
    this.defaultPolicy = b.retryPolicy;
    this.policyByWireName = Map.copyOf(b.policyByWireName);
    this.policyByHandler = Map.copyOf(b.policyByHandler);
    this.unknownTypes = b.unknownTypes;
    this.staleMessages = b.staleMessages;
    this.retention = b.cleanupRetention;
    this.maxBatch = b.maxBatch;
    this.maxMessageBytes = b.maxMessageBytes;
    this.clock = b.clock;
    this.connections = new ConnectionCache(b.storage.dataSource(), b.maxIdleConnections);
    this.cleaner = new InboxCleaner(b.storage.dataSource(), inbox, runs, consumerId, b.cleanupRetention,
        b.cleanupInterval, b.cleanupBatch, clock);
    this.deadLetters = new DeadLetters(this);
  }

  /** Starts configuring the consumer {@code consumerId} (the subscriber id) on {@code storage}'s tables. */
  public static Builder builder(SqlStorage storage, String consumerId) {
    return new Builder(storage, consumerId);
  }

  /** The subscriber id this consumer's inbox rows and dead letters are kept under. */
  public String consumerId() {
    return consumerId;
  }

  /** The wire names some dispatcher of this consumer handles. */
  public java.util.Set<String> wireNames() {
    return byWireName.keySet();
  }

  /** Subscribes this consumer to {@code sources} of {@code transport} under its consumer id. */
  public Subscription subscribe(Transport transport, List<SubscriptionRequest.Source> sources, int concurrency) {
    return transport.subscribe(new SubscriptionRequest(consumerId, sources, concurrency), this);
  }

  /** List, replay and delete this consumer's dead letters. */
  public DeadLetters deadLetters() {
    return deadLetters;
  }

  /** The inbox cleanup of this consumer: {@link InboxCleaner#start()} schedules it. */
  public InboxCleaner cleaner() {
    return cleaner;
  }

  public InboxStats stats() {
    return new InboxStats(handled.get(), duplicates.get(), retried.get(), deadLettered.get(), ignored.get());
  }

  /** Stops the cleanup and closes the cached connections; subscriptions are closed by their owner. */
  @Override
  public void close() {
    cleaner.close();
    connections.close();
  }

  @Override
  public void handle(List<Delivery> batch) {
    List<Received> items = new ArrayList<>(batch.size());
    for (Delivery d : batch) {
      items.add(prepare(d));
    }
    // Keys released in this batch: their later messages are released unhandled, so a retry is never overtaken.
    Map<String, Duration> releasedKeys = new HashMap<>();
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
    return r.isDispatchable() && r.staleAge == null && r.delivery.deliveryCount() <= 1
        && (r.partitionKey() == null || !releasedKeys.containsKey(r.partitionKey()));
  }

  private Received prepare(Delivery delivery) {
    byte[] body = delivery.body();
    if (body.length > maxMessageBytes) {
      return Received.poison(delivery, null, "The message is " + body.length + " bytes long, more than maxMessageBytes ("
          + maxMessageBytes + "); it was parked undecoded", null);
    }
    Envelope envelope;
    try {
      envelope = EnvelopeCodec.decode(body);
    } catch (CodecException e) {
      return Received.poison(delivery, null, e.getMessage(), e);
    }
    List<MessageDispatcher> dispatchers = byWireName.get(envelope.wireName());
    if (dispatchers == null) {
      if (unknownTypes == UnknownTypePolicy.IGNORE) {
        return Received.handled(delivery, envelope, null);
      }
      return Received.poison(delivery, envelope, "Subscriber '" + consumerId + "' has no handler for wire name '"
          + envelope.wireName() + "' (it handles " + new java.util.TreeSet<>(byWireName.keySet()) + "). Deploy a"
          + " handler and replay the dead letter, or configure unknownTypes(IGNORE) to skip such messages", null);
    }
    Received r = Received.handled(delivery, envelope, dispatchers);
    r.staleAge = MessageAge.beyondRetention(delivery, clock, retention);
    return r;
  }

  private void settle(Received r, Map<String, Duration> releasedKeys) {
    String key = r.partitionKey();
    if (key != null && releasedKeys.containsKey(key)) {
      r.delivery.release(releasedKeys.get(key));
      return;
    }
    Duration retryIn = handleAlone(r);
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
    if (r.poisonReason != null) {
      return park(r, r.poisonReason, r.poisonCause, 0);
    }
    if (r.dispatchers == null) {
      ignored.incrementAndGet();
      LOG.debug("Ignored {}: no handler of '{}' handles it (unknownTypes = IGNORE)", r, consumerId);
      return null;
    }
    if (r.staleAge != null) {
      if (staleMessages == StaleMessagePolicy.DEAD_LETTER) {
        // Parked unless handled before (then it is only acknowledged): never applied a second time unseen.
        return park(r, "The message was published " + MessageAge.describe(r.staleAge) + " ago, longer than the"
            + " inbox retention (" + MessageAge.describe(retention) + "): it may have been applied before and its"
            + " inbox row cleaned up, so it was not applied. Replay this dead letter to apply it, or set"
            + " staleMessages(APPLY) to apply such replays", null, 0);
      }
      LOG.info("Applying {} for '{}', published {} ago, longer than the inbox retention ({}): staleMessages(APPLY)",
          r, consumerId, MessageAge.describe(r.staleAge), MessageAge.describe(retention));
    }
    RetryPolicy policy = policyFor(r);
    // The run's number when it was counted before it started; 0 when it is counted only if it fails.
    int counted = 0;
    if (r.delivery.deliveryCount() > 1) {
      // A redelivery: an earlier run may have stopped the process, and could not count itself.
      counted = countRun(r);
      if (counted > policy.maxAttempts()) {
        int ran = counted - 1;
        return park(r, "Handling was started " + ran + " time(s) without success (runs that stopped the process"
            + " count too); it was not run again", null, ran);
      }
    }
    List<OutgoingMessage> produced = new ArrayList<>(2);
    Connection c;
    try {
      c = connections.borrow();
    } catch (SQLException e) {
      return notRun(r, policy, e);
    }
    boolean broken = false;
    boolean ran = false;
    boolean wroteToDatabase;
    try {
      if (!inbox.insert(c, consumerId, r.inboxKey, clock.millis())) {
        // Commit rather than roll back: the insert also deleted a stale run count of the message.
        c.commit();
        duplicates.incrementAndGet();
        return null;
      }
      ran = true;
      wroteToDatabase = dispatch(r, c, produced);
      if (!produced.isEmpty()) {
        outbox.append(c, produced);
      }
      c.commit();
    } catch (Exception e) {
      broken = rollback(c, e);
      return ran ? failed(r, e, policy, counted) : notRun(r, policy, e);
    } catch (Error e) {
      // Treated as a crash of the process: rolled back, the connection dropped, the error passed on. The run is
      // counted only if it was counted before it started.
      rollback(c, new IllegalStateException(e));
      broken = true;
      throw e;
    } finally {
      connections.giveBack(c, broken);
    }
    handled.incrementAndGet();
    // Also when the context produced nothing but a handler took the transaction: it may have written outbox rows
    // itself (an aggregate saved with repository.save(context.connection(), ...)), and this process's relays should
    // publish them now rather than at their next poll.
    if (!produced.isEmpty() || wroteToDatabase) {
      outbox.signalCommitted();
    }
    return null;
  }

  /** Handles several messages in one transaction; false (nothing applied) when any of them failed. */
  private boolean handleTogether(List<Received> chunk) {
    List<OutgoingMessage> produced = new ArrayList<>();
    boolean[] duplicate = new boolean[chunk.size()];
    Connection c;
    try {
      c = connections.borrow();
    } catch (SQLException e) {
      return false;
    }
    boolean broken = false;
    boolean wroteToDatabase = false;
    try {
      List<java.util.UUID> keys = new ArrayList<>(chunk.size());
      for (Received r : chunk) {
        keys.add(r.inboxKey);
      }
      boolean[] fresh = inbox.insertAll(c, consumerId, keys, clock.millis());
      for (int k = 0; k < chunk.size(); k++) {
        Received r = chunk.get(k);
        if (!fresh[k]) {
          duplicate[k] = true;
          continue;
        }
        wroteToDatabase |= dispatch(r, c, produced);
      }
      if (!produced.isEmpty()) {
        outbox.append(c, produced);
      }
      c.commit();
    } catch (Exception e) {
      broken = rollback(c, e);
      LOG.debug("A message of a batch of {} failed ({}); handling them one by one", chunk.size(), e.toString());
      return false;
    } catch (Error e) {
      // As in handleAlone: a crash of the process. The connection must not go back with the batch's transaction
      // open, or a later commit on it would record these messages as handled without their effects.
      rollback(c, new IllegalStateException(e));
      broken = true;
      throw e;
    } finally {
      connections.giveBack(c, broken);
    }
    for (int k = 0; k < chunk.size(); k++) {
      Received r = chunk.get(k);
      (duplicate[k] ? duplicates : handled).incrementAndGet();
      r.delivery.ack();
    }
    if (!produced.isEmpty() || wroteToDatabase) {
      outbox.signalCommitted();                      // see handleAlone: handlers may have written outbox rows
    }
    return true;
  }

  /** Runs the message's handlers; true when one of them took the transaction (and may have written to it). */
  private boolean dispatch(Received r, Connection c, List<OutgoingMessage> produced) throws Exception {
    GuardedContext context = new GuardedContext(r.envelope, c, handles, outgoing, produced);
    try {
      for (MessageDispatcher d : r.dispatchers) {
        d.dispatch(r.envelope, context);
      }
      return context.connectionUsed();
    } finally {
      context.closeHandle();
    }
  }

  /**
   * Decides between a retry and the dead-letter table after a failed handler run, from the durable count of runs.
   *
   * @param counted the run's number when it was counted before it started, else 0 (counted now)
   */
  private Duration failed(Received r, Exception e, RetryPolicy policy, int counted) {
    int attempt = counted > 0 ? counted : countRun(r);
    if (attempt == 0) {
      // The count could not be written (the database is gone): unavailability, not the message's fault.
      Duration delay = policy.delayAfter(1);
      LOG.warn("Handling {} for '{}' failed and the failed run could not be counted in {}; retrying in {} ms",
          r, consumerId, runs.name(), delay.toMillis(), e);
      return delay;
    }
    if (Failures.isPermanent(e)) {
      return park(r, Failures.reason(e), e, attempt);
    }
    if (policy.retriesAfter(attempt)) {
      Duration delay = policy.delayAfter(attempt);
      retried.incrementAndGet();
      LOG.warn("Attempt {} of {} to handle {} for '{}' failed; retrying in {} ms", attempt, policy.maxAttempts(), r,
          consumerId, delay.toMillis(), e);
      return delay;
    }
    return park(r, "Handling failed " + attempt + " time(s); the last failure: " + Failures.reason(e), e, attempt);
  }

  /** The handler could not be started (no connection, the inbox insert failed): released, no attempt spent. */
  private Duration notRun(Received r, RetryPolicy policy, Exception e) {
    Duration delay = policy.delayAfter(1);
    LOG.warn("Could not run the handlers of {} for '{}'; released without spending an attempt, tried again in {} ms",
        r, consumerId, delay.toMillis(), e);
    return delay;
  }

  /**
   * Counts one more run of {@code r} in a short transaction of its own; returns the runs counted so far, or 0 when
   * the count could not be written.
   */
  private int countRun(Received r) {
    Connection c;
    try {
      c = connections.borrow();
    } catch (SQLException e) {
      LOG.warn("No connection to count a run of {} for '{}'", r, consumerId, e);
      return 0;
    }
    boolean broken = false;
    try {
      int n = runs.countRun(c, consumerId, r.inboxKey, clock.millis());
      c.commit();
      return n;
    } catch (SQLException | RuntimeException e) {
      broken = rollback(c, e);
      LOG.warn("Could not count a run of {} for '{}' in {}", r, consumerId, runs.name(), e);
      return 0;
    } finally {
      connections.giveBack(c, broken);
    }
  }

  /** Parks {@code r} in the dead-letter table together with its inbox row; null on success, else a retry delay. */
  private Duration park(Received r, String reason, Throwable cause, int attemptCount) {
    Connection c;
    try {
      c = connections.borrow();
    } catch (SQLException e) {
      return cannotPark(r, e);
    }
    boolean broken = false;
    try {
      long now = clock.millis();
      if (!inbox.insertParked(c, consumerId, r.inboxKey, now)) {
        // Handled or parked before (a redelivery after a lost acknowledgement).
        c.rollback();
        duplicates.incrementAndGet();
        return null;
      }
      deadLetterTable.insert(c, consumerId, r.inboxKey, r.wireName(), r.partitionKey(), reason,
          cause == null ? null : Failures.stackSummary(cause), r.delivery.body(), attemptCount, now);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      broken = rollback(c, e);
      return cannotPark(r, e);
    } finally {
      connections.giveBack(c, broken);
    }
    deadLettered.incrementAndGet();
    LOG.error("Parked {} for '{}' in {} after {} attempt(s): {}", r, consumerId, deadLetterTable.name(),
        attemptCount, reason);
    return null;
  }

  private Duration cannotPark(Received r, Exception e) {
    Duration delay = defaultPolicy.initialDelay();
    LOG.error("Could not park {} for '{}' in {}; it is released and tried again in {} ms", r, consumerId,
        deadLetterTable.name(), delay.toMillis(), e);
    return delay;
  }

  private RetryPolicy policyFor(Received r) {
    RetryPolicy p = policyByWireName.get(r.wireName());
    if (p != null) {
      return p;
    }
    for (MessageDispatcher d : r.dispatchers) {
      p = policyByHandler.get(d.handlerName());
      if (p != null) {
        return p;
      }
    }
    return defaultPolicy;
  }

  /** Rolls back; true when the connection is unusable and must not be reused. */
  private static boolean rollback(Connection c, Exception cause) {
    try {
      c.rollback();
      return false;
    } catch (SQLException e) {
      cause.addSuppressed(e);
      return true;
    }
  }

  // ---- replay, used by DeadLetters ----

  ReplayResult replay(long deadLetterId) {
    Connection c;
    try {
      c = connections.borrow();
    } catch (SQLException e) {
      throw new WhizbangException("Cannot replay dead letter " + deadLetterId + ": no database connection", e);
    }
    boolean broken = false;
    List<OutgoingMessage> produced = new ArrayList<>(2);
    DeadLetter letter = null;
    boolean replayWrote = false;
    try {
      Optional<DeadLetter> found = deadLetterTable.find(c, consumerId, deadLetterId);
      // Deleting first locks the row: a concurrent replay of the same letter waits, then finds nothing.
      if (found.isEmpty() || !deadLetterTable.delete(c, consumerId, deadLetterId)) {
        c.rollback();
        return ReplayResult.NOT_FOUND;
      }
      letter = found.get();
      Envelope envelope = EnvelopeCodec.decode(letter.body());
      List<MessageDispatcher> dispatchers = byWireName.get(envelope.wireName());
      if (dispatchers == null) {
        throw new UnknownMessageTypeException("Subscriber '" + consumerId + "' still has no handler for wire name '"
            + envelope.wireName() + "'");
      }
      // Only the row written when it was parked is replaced; a row written by handling it means it was applied
      // meanwhile (redelivered after the parked row expired, or replayed from the broker).
      inbox.deleteParked(c, consumerId, letter.messageId());
      if (!inbox.insert(c, consumerId, envelope.messageId(), clock.millis())) {
        c.rollback(); // handled under its own id meanwhile; keep the letter for a person to look at
        return ReplayResult.failed("Message " + envelope.messageId() + " was already handled by '" + consumerId
            + "'; the dead letter is kept");
      }
      replayWrote = dispatch(Received.handled(new ReplayDelivery(letter), envelope, dispatchers), c, produced);
      if (!produced.isEmpty()) {
        outbox.append(c, produced);
      }
      c.commit();
    } catch (Exception e) {
      broken = rollback(c, e);
      if (letter == null) {
        throw new WhizbangException("Replaying dead letter " + deadLetterId + " of '" + consumerId + "' failed", e);
      }
      recordFailedReplay(deadLetterId, e);
      return ReplayResult.failed(Failures.reason(e));
    } finally {
      connections.giveBack(c, broken);
    }
    handled.incrementAndGet();
    if (!produced.isEmpty() || replayWrote) {
      outbox.signalCommitted();
    }
    LOG.info("Replayed dead letter {} of '{}' ({} {})", deadLetterId, consumerId, letter.wireName(),
        letter.messageId());
    return ReplayResult.REPLAYED;
  }

  private void recordFailedReplay(long id, Exception failure) {
    try {
      Connection c = connections.borrow();
      boolean broken = false;
      try {
        deadLetterTable.recordFailedReplay(c, id, "Replay failed: " + Failures.reason(failure),
            Failures.stackSummary(failure));
        c.commit();
      } catch (SQLException e) {
        broken = rollback(c, e);
        throw e;
      } finally {
        connections.giveBack(c, broken);
      }
    } catch (SQLException e) {
      LOG.warn("Could not record the failed replay of dead letter {}", id, e);
    }
  }

  <T> T withConnection(SqlWork<T> work) {
    Connection c;
    try {
      c = connections.borrow();
    } catch (SQLException e) {
      throw new WhizbangException("No database connection for the dead letters of '" + consumerId + "'", e);
    }
    boolean broken = false;
    try {
      T result = work.run(c, deadLetterTable);
      c.commit();
      return result;
    } catch (SQLException e) {
      broken = rollback(c, e);
      throw new WhizbangException("Reading or changing the dead letters of '" + consumerId + "' in "
          + deadLetterTable.name() + " failed: " + e.getMessage(), e);
    } finally {
      connections.giveBack(c, broken);
    }
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c, DeadLetterTable table) throws SQLException;
  }

  /** Configures an {@link InboxConsumer}; {@link #build()} checks the whole configuration. */
  public static final class Builder {
    private final SqlStorage storage;
    private final String consumerId;
    private final List<MessageDispatcher> dispatchers = new ArrayList<>();
    private Map<String, List<MessageDispatcher>> byWireName;
    private OutgoingFactory outgoing = OutgoingFactory.none();
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private final Map<String, RetryPolicy> policyByWireName = new HashMap<>();
    private final Map<String, RetryPolicy> policyByHandler = new HashMap<>();
    private UnknownTypePolicy unknownTypes = UnknownTypePolicy.DEAD_LETTER;
    private StaleMessagePolicy staleMessages = StaleMessagePolicy.DEAD_LETTER;
    private int maxBatch = 1;
    private int maxMessageBytes = 4 * 1024 * 1024;
    private int maxIdleConnections = 8;
    private Duration cleanupRetention = Duration.ofDays(7);
    private Duration cleanupInterval = Duration.ofMinutes(1);
    private int cleanupBatch = DEFAULT_CLEANUP_BATCH;
    private Clock clock = Clock.systemUTC();

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

    /** The retry policy of every message without an override (default {@link RetryPolicy#DEFAULT}). */
    public Builder retryPolicy(RetryPolicy value) {
      retryPolicy = Objects.requireNonNull(value, "retryPolicy");
      return this;
    }

    /** The retry policy of one wire name; wins over a handler override. */
    public Builder retryPolicyForWireName(String wireName, RetryPolicy value) {
      policyByWireName.put(Objects.requireNonNull(wireName, "wireName"), Objects.requireNonNull(value, "policy"));
      return this;
    }

    /** The retry policy of the messages a handler ({@link MessageDispatcher#handlerName()}) handles. */
    public Builder retryPolicyForHandler(String handlerName, RetryPolicy value) {
      policyByHandler.put(Objects.requireNonNull(handlerName, "handlerName"), Objects.requireNonNull(value, "policy"));
      return this;
    }

    /** What to do with wire names no handler handles (default {@link UnknownTypePolicy#DEAD_LETTER}). */
    public Builder unknownTypes(UnknownTypePolicy value) {
      unknownTypes = Objects.requireNonNull(value, "unknownTypes");
      return this;
    }

    /**
     * What to do with a message the broker says was published longer ago than {@link #cleanupRetention} and that
     * has no inbox row (a replay from the beginning, an offset reset): {@link StaleMessagePolicy#DEAD_LETTER} by
     * default, {@link StaleMessagePolicy#APPLY} to re-apply such history on purpose. Only brokers that report a
     * publish time ({@link Delivery#publishedAt()}: Kafka) are checked.
     */
    public Builder staleMessages(StaleMessagePolicy value) {
      staleMessages = Objects.requireNonNull(value, "staleMessages");
      return this;
    }

    /**
     * Up to this many messages of one delivered batch are handled in one transaction (1..1000, default 1). When
     * one of them fails, the transaction is rolled back and each is handled alone.
     */
    public Builder maxBatch(int value) {
      if (value < 1 || value > 1000) {
        throw new IllegalArgumentException("maxBatch must be between 1 and 1000, was " + value);
      }
      maxBatch = value;
      return this;
    }

    /** Larger messages are parked undecoded (1 KiB..256 MiB, default 4 MiB). */
    public Builder maxMessageBytes(int value) {
      if (value < 1024 || value > 256 * 1024 * 1024) {
        throw new IllegalArgumentException("maxMessageBytes must be between 1024 and 268435456, was " + value);
      }
      maxMessageBytes = value;
      return this;
    }

    /** Connections kept open between messages (0..64, default 8). */
    public Builder maxIdleConnections(int value) {
      if (value < 0 || value > 64) {
        throw new IllegalArgumentException("maxIdleConnections must be between 0 and 64, was " + value);
      }
      maxIdleConnections = value;
      return this;
    }

    /**
     * How long inbox rows are kept (default 7 days): a redelivery later than this is no longer recognised. Must
     * cover the longest retry horizon of the retry policies.
     */
    public Builder cleanupRetention(Duration value) {
      Objects.requireNonNull(value, "cleanupRetention");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("cleanupRetention must be positive, was " + value);
      }
      cleanupRetention = value;
      return this;
    }

    /** How often expired rows are deleted, and how many per statement (defaults 1 minute, 1000). */
    public Builder cleanup(Duration interval, int batch) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("cleanup interval must be positive, was " + interval);
      }
      if (batch < 1 || batch > 100_000) {
        throw new IllegalArgumentException("cleanup batch must be between 1 and 100000, was " + batch);
      }
      cleanupInterval = interval;
      cleanupBatch = batch;
      return this;
    }

    /** The clock of received-at times and of cleanup (tests move it). */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public InboxConsumer build() {
      if (dispatchers.isEmpty()) {
        throw new IllegalArgumentException("Inbox consumer '" + consumerId + "' has no dispatchers: pass the"
            + " generated dispatchers of its handlers to dispatchers(...)");
      }
      Map<String, List<MessageDispatcher>> map = new LinkedHashMap<>();
      java.util.Set<String> handlerNames = new java.util.HashSet<>();
      for (MessageDispatcher d : dispatchers) {
        handlerNames.add(d.handlerName());
        for (String w : d.wireNames()) {
          map.computeIfAbsent(w, k -> new ArrayList<>(1)).add(d);
        }
      }
      map.replaceAll((k, v) -> List.copyOf(v));
      for (String w : policyByWireName.keySet()) {
        if (!map.containsKey(w)) {
          throw new IllegalArgumentException("retryPolicyForWireName(\"" + w + "\"): no dispatcher of '" + consumerId
              + "' handles that wire name; known: " + new java.util.TreeSet<>(map.keySet()));
        }
      }
      for (String h : policyByHandler.keySet()) {
        if (!handlerNames.contains(h)) {
          throw new IllegalArgumentException("retryPolicyForHandler(\"" + h + "\"): '" + consumerId
              + "' has no dispatcher with that handler name; known: " + new java.util.TreeSet<>(handlerNames));
        }
      }
      checkRetention("the default retry policy", retryPolicy);
      policyByWireName.forEach((w, p) -> checkRetention("the retry policy of " + w, p));
      policyByHandler.forEach((h, p) -> checkRetention("the retry policy of handler " + h, p));
      byWireName = Map.copyOf(map);
      return new InboxConsumer(this);
    }

    private void checkRetention(String which, RetryPolicy policy) {
      Duration horizon = policy.retryHorizon();
      if (cleanupRetention.compareTo(horizon) < 0) {
        throw new IllegalArgumentException("cleanupRetention (" + cleanupRetention + ") of inbox consumer '"
            + consumerId + "' is shorter than the retry horizon of " + which + " (" + horizon + "): a message still"
            + " being retried could lose its inbox row and be applied twice. Raise cleanupRetention to at least "
            + horizon + " or shorten the policy (maxAttempts, maxDelay)");
      }
    }
  }
}
