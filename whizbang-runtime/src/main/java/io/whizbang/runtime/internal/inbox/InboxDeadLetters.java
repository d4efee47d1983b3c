package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.DeadLetters;
import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.DeadLetterPages;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters of one inbox consumer: list them, replay one through the same inbox-guarded path once its cause
 * is fixed (applied at most once, however often or concurrently it is called), or discard one.
 */
final class InboxDeadLetters implements DeadLetters {
  private static final Logger LOG = LoggerFactory.getLogger(InboxDeadLetters.class);

  private final String consumerId;
  private final InboxTransactions transactions;
  private final DeadLetterTable table;
  private final InboxTable inbox;
  private final InboxHandlers handlers;
  private final Outbox outbox;
  private final Clock clock;
  private final Runnable onReplayed;

  InboxDeadLetters(String consumerId, InboxTransactions transactions, DeadLetterTable table, InboxTable inbox,
      InboxHandlers handlers, Outbox outbox, Clock clock, Runnable onReplayed) {
    this.consumerId = consumerId;
    this.transactions = transactions;
    this.table = table;
    this.inbox = inbox;
    this.handlers = handlers;
    this.outbox = outbox;
    this.clock = clock;
    this.onReplayed = onReplayed;
  }

  @Override
  public List<DeadLetter> list(long afterId, int limit) {
    DeadLetterPages.checkLimit(limit);
    return inTransaction(c -> table.rows().list(c, consumerId, afterId, limit));
  }

  @Override
  public Optional<DeadLetter> find(long id) {
    return inTransaction(c -> table.rows().find(c, consumerId, id));
  }

  @Override
  public long count() {
    return inTransaction(c -> table.rows().count(c, consumerId));
  }

  @Override
  public boolean discard(long id) {
    return inTransaction(c -> table.rows().delete(c, consumerId, id));
  }

  /**
   * Handles the dead letter again, in one transaction with its inbox row, its handlers' effects and the removal of
   * the dead letter. A failing handler leaves the dead letter in place, with the new reason.
   */
  @Override
  public ReplayResult replay(long id) {
    List<OutgoingMessage> produced = new ArrayList<>(2);
    DeadLetter[] letter = new DeadLetter[1];
    Replay replay;
    try {
      replay = transactions.run(c -> replayIn(c, id, letter, produced));
    } catch (InboxTransactions.NoConnection e) {
      throw new WhizbangException("Cannot replay dead letter " + id + ": no database connection", e.getCause());
    } catch (Exception e) {
      if (letter[0] == null) {
        throw new WhizbangException("Replaying dead letter " + id + " of '" + consumerId + "' failed", e);
      }
      recordFailedReplay(id, e);
      return ReplayResult.failed(Failures.reason(e));
    }
    if (replay.refused() != null) {
      return replay.refused();
    }
    onReplayed.run();
    if (!produced.isEmpty() || replay.wrote()) {
      outbox.signalCommitted();
    }
    LOG.info("Replayed dead letter {} of '{}' ({} {})", id, consumerId, letter[0].wireName(), letter[0].messageId());
    return ReplayResult.replayed();
  }

  /** A replay's transaction ended: {@code refused} when it did not apply the letter, else whether handlers wrote. */
  private record Replay(ReplayResult refused, boolean wrote) {}

  private Replay replayIn(Connection c, long id, DeadLetter[] letter, List<OutgoingMessage> produced)
      throws Exception {
    Optional<DeadLetter> found = table.rows().find(c, consumerId, id);
    // Deleting first locks the row: a concurrent replay of the same letter waits, then finds nothing.
    if (found.isEmpty() || !table.rows().delete(c, consumerId, id)) {
      c.rollback();
      return new Replay(ReplayResult.notFound(), false);
    }
    letter[0] = found.get();
    Envelope envelope = EnvelopeCodec.decode(letter[0].body());
    List<MessageDispatcher> dispatchers = handlers.of(envelope.wireName());
    if (dispatchers == null) {
      throw new UnknownMessageTypeException("Subscriber '" + consumerId + "' still has no handler for wire name '"
          + envelope.wireName() + "'");
    }
    // Only the row written when it was parked is replaced; a row written by handling it means it was applied
    // meanwhile (redelivered after the parked row expired, or replayed from the broker).
    inbox.deleteParked(c, consumerId, letter[0].messageId());
    if (!inbox.insert(c, consumerId, envelope.messageId(), clock.millis())) {
      c.rollback(); // handled under its own id meanwhile; keep the letter for a person to look at
      return new Replay(ReplayResult.failed("Message " + envelope.messageId() + " was already handled by '"
          + consumerId + "'; the dead letter is kept"), false);
    }
    boolean wrote = handlers.run(Received.handled(new ReplayDelivery(letter[0]), envelope, dispatchers), c, produced);
    if (!produced.isEmpty()) {
      outbox.append(c, produced);
    }
    return new Replay(null, wrote);
  }

  private void recordFailedReplay(long id, Exception failure) {
    try {
      transactions.run(c -> {
        table.recordFailedReplay(c, id, "Replay failed: " + Failures.reason(failure), Failures.stackSummary(failure));
        return null;
      });
    } catch (Exception e) {
      LOG.warn("Could not record the failed replay of dead letter {}", id, e);
    }
  }

  private <T> T inTransaction(InboxTransactions.Work<T> work) {
    try {
      return transactions.run(work);
    } catch (InboxTransactions.NoConnection e) {
      throw new WhizbangException("No database connection for the dead letters of '" + consumerId + "'",
          e.getCause());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new WhizbangException("Reading or changing the dead letters of '" + consumerId + "' in " + table.name()
          + " failed: " + e.getMessage(), e);
    }
  }
}
