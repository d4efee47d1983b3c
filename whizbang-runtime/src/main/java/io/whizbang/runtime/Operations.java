package io.whizbang.runtime;

import io.whizbang.runtime.internal.inbox.InboxAdmin;
import io.whizbang.runtime.internal.ops.OutboxQueries;
import io.whizbang.runtime.internal.ops.ProjectionQueries;
import io.whizbang.runtime.outbox.OutboxDeadLetters;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.StorageException;
import io.whizbang.runtime.sql.StorageInternals;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operator sees of a service from its database alone, without its handlers or its broker: the outbox
 * backlog per destination, the inboxes, the projections' stored progress, the dead letters (with filters), and the
 * cleanup. Every write is one the running service understands: an outbox dead letter goes back into the outbox (the
 * relay publishes it), an inbox dead letter is marked for replay (the subscriber replays it through its handlers
 * within a second), a projection's progress is forgotten (its next start backfills again).
 *
 * <pre>{@code
 * Operations ops = Operations.of(SqlStorage.builder(dataSource).tablePrefix("orders_").build());
 * for (Operations.DestinationBacklog d : ops.outboxStatus()) { ... }
 * ops.requestInboxReplay(42);
 * }</pre>
 */
public final class Operations {
  private final SqlStorage storage;
  private final OutboxQueries outbox;
  private final OutboxDeadLetters outboxDeadLetters;
  private final InboxAdmin inbox;
  private final ProjectionQueries projections;

  private Operations(SqlStorage storage) {
    this.storage = storage;
    this.outbox = new OutboxQueries(StorageInternals.dialect(storage), StorageInternals.tables(storage));
    this.outboxDeadLetters = new OutboxDeadLetters(storage);
    this.inbox = new InboxAdmin(StorageInternals.dialect(storage), StorageInternals.tables(storage));
    this.projections = new ProjectionQueries(StorageInternals.tables(storage));
  }

  /** Operations on {@code storage}'s tables (its schema and table prefix). */
  public static Operations of(SqlStorage storage) {
    return new Operations(Objects.requireNonNull(storage, "storage"));
  }

  /**
   * One destination's unpublished outbox rows.
   *
   * @param destination {@code whizbang.<domain>.events} or {@code whizbang.<domain>.commands}
   * @param pending rows not yet published
   * @param retrying pending rows that failed at least once and wait for their next attempt
   * @param oldest the age of the oldest pending row, by the database's clock ({@link Duration#ZERO} when none)
   * @param scheduled messages sent for later ({@code SendOptions.deliverAt/deliverAfter}), not yet due; they join the
   *     pending rows when due
   * @param deadLetters rows the broker refused for good, parked
   */
  public record DestinationBacklog(String destination, long pending, long retrying, Duration oldest,
      long scheduled, long deadLetters) {}

  /**
   * One subscriber's inbox.
   *
   * @param subscriber the subscriber id
   * @param rows the inbox rows kept for deduplication
   * @param deadLetters the messages parked
   * @param replayRequested dead letters marked for replay, not yet replayed by the running subscriber
   * @param oldestDeadLetter when the oldest dead letter was parked, or {@code null}
   */
  public record InboxSummary(String subscriber, long rows, long deadLetters, long replayRequested,
      Instant oldestDeadLetter) {}

  /**
   * A projection's stored progress (a running projection's live figures are in its {@code ProjectionProgress}).
   *
   * @param projection its name
   * @param cursor the checkpoint, or {@code null} before the first
   * @param updatedAt when the checkpoint last moved, or {@code null}
   * @param appliedIds message ids kept to skip duplicates
   * @param deadLetters events parked because they could not be decoded
   */
  public record ProjectionState(String projection, String cursor, Instant updatedAt, long appliedIds,
      long deadLetters) {}

  /**
   * Which dead letters to list; {@code null} fields match everything.
   *
   * @param owner the subscriber id (inbox) or destination name such as {@code whizbang.orders.events} (outbox)
   * @param wireName the message's wire name
   * @param partitionKey the message's partition key
   * @param parkedFrom parked at or after this instant
   * @param parkedBefore parked before this instant
   */
  public record DeadLetterFilter(String owner, String wireName, String partitionKey, Instant parkedFrom,
      Instant parkedBefore) {
    /** Every dead letter. */
    public static DeadLetterFilter all() {
      return new DeadLetterFilter(null, null, null, null, null);
    }
  }

  /**
   * What a cleanup deletes (or, dry, would delete).
   *
   * @param publishedOutboxRows published outbox rows older than the retention
   * @param inboxRows inbox rows older than the retention, of every subscriber
   * @param handlerRunCounts counts of failed handler runs not updated within the retention
   */
  public record CleanupCounts(long publishedOutboxRows, long inboxRows, long handlerRunCounts) {}

  /** The unpublished outbox rows and dead letters, per destination. */
  public List<DestinationBacklog> outboxStatus() {
    return read("Reading the outbox status", outbox::backlog);
  }

  /** The inbox rows and dead letters, per subscriber. */
  public List<InboxSummary> inboxStatus() {
    return read("Reading the inbox status", inbox::summaries);
  }

  /** Every projection with a checkpoint, applied ids or dead letters; empty before the first projection ran. */
  public List<ProjectionState> projectionStatus() {
    return read("Reading the projection status", projections::states);
  }

  /**
   * The outbox's dead letters: list, replay (back into the outbox in its old place; the relay publishes it before
   * the later rows of its key) and discard.
   */
  public DeadLetters outboxDeadLetters() {
    return outboxDeadLetters;
  }

  /**
   * Up to {@code limit} (1 to 10,000) dead letters of {@code source} ({@code INBOX} or {@code OUTBOX}) matching
   * {@code filter}, with an id greater than {@code afterId}, oldest first.
   */
  public List<DeadLetter> deadLetters(DeadLetter.Source source, DeadLetterFilter filter, long afterId, int limit) {
    Objects.requireNonNull(filter, "filter");
    return switch (source) {
      case OUTBOX -> outboxDeadLetters.list(filter, afterId, limit);
      case INBOX -> read("Listing the inbox dead letters", c -> inbox.list(c, filter, afterId, limit));
      case PROJECTION -> throw new IllegalArgumentException("Projection dead letters are listed by their engine:"
          + " ProjectionEngine.deadLetters(dispatcher)");
    };
  }

  /** The inbox dead letter {@code id}, of whichever subscriber. */
  public Optional<DeadLetter> inboxDeadLetter(long id) {
    return read("Reading inbox dead letter " + id, c -> inbox.find(c, id));
  }

  /**
   * Marks the inbox dead letter {@code id} for replay: its running subscriber replays it through its handlers within
   * a second (applied at most once) and removes it, or, when it fails again, keeps it with the new reason and
   * without the mark. False when there is no such dead letter.
   */
  public boolean requestInboxReplay(long id) {
    return storage.inTransaction(tx -> inbox.requestReplay(tx.connection(), id, System.currentTimeMillis()));
  }

  /** Drops the inbox dead letter {@code id} for good; false when there was none. */
  public boolean discardInboxDeadLetter(long id) {
    return storage.inTransaction(tx -> inbox.discard(tx.connection(), id));
  }

  /**
   * Forgets {@code projection}'s checkpoint only: its next start reads the feed from the beginning and applies the
   * events whose ids it does not hold (missed ones, and those whose ids were pruned). False when it had none.
   */
  public boolean rewindProjection(String projection) {
    return storage.inTransaction(tx -> projections.forgetCheckpoint(tx.connection(), projection));
  }

  /**
   * Forgets {@code projection}'s checkpoint, applied ids and dead letters, as {@code ProjectionEngine.rebuild} does
   * without clearing the read model: its next start applies the whole history again, so the read model must be
   * cleared first (or its handlers tolerate re-application). False when there was nothing to forget.
   */
  public boolean forgetProjection(String projection) {
    return storage.inTransaction(tx -> projections.forgetAll(tx.connection(), projection));
  }

  /**
   * Counts, or with {@code dryRun == false} deletes in bounded batches, the published outbox rows older than
   * {@code publishedRetention} and the inbox rows and handler-run counts older than {@code inboxRetention}: what the
   * relays' and inboxes' own cleanups delete, run now.
   */
  public CleanupCounts cleanup(Duration publishedRetention, Duration inboxRetention, boolean dryRun) {
    if (publishedRetention.isNegative() || inboxRetention.isNegative()) {
      throw new IllegalArgumentException("Retentions must not be negative, were " + publishedRetention + " and "
          + inboxRetention);
    }
    long inboxCutoff = System.currentTimeMillis() - inboxRetention.toMillis();
    long published = publishedRetention.toMillis();
    return read(dryRun ? "Counting the rows to clean up" : "Cleaning up", c -> {
      long outboxRows = dryRun ? outbox.countPublished(c, published) : outbox.deletePublished(c, published);
      long[] inboxRows = dryRun ? inbox.countExpired(c, inboxCutoff) : inbox.deleteExpired(c, inboxCutoff);
      return new CleanupCounts(outboxRows, inboxRows[0], inboxRows[1]);
    });
  }

  private interface Read<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(String what, Read<T> work) {
    try (Connection c = storage.dataSource().getConnection()) {
      c.setAutoCommit(true);
      return work.run(c);
    } catch (SQLException e) {
      throw new StorageException(what + " failed: " + e.getMessage(), e);
    }
  }
}
