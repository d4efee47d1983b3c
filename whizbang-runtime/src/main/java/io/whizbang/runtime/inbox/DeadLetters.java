package io.whizbang.runtime.inbox;

import java.util.List;
import java.util.Optional;

/**
 * The dead letters of one inbox consumer: list them, replay one through the same inbox-guarded path once its cause
 * is fixed (applied at most once, however often or concurrently it is called), or delete one.
 *
 * <pre>{@code
 * for (DeadLetter letter : consumer.deadLetters().list(0, 100)) {
 *   ReplayResult result = consumer.deadLetters().replay(letter.id());
 * }
 * }</pre>
 */
public final class DeadLetters {
  private final InboxConsumer consumer;

  DeadLetters(InboxConsumer consumer) {
    this.consumer = consumer;
  }

  /** Up to {@code limit} dead letters with an id greater than {@code afterId}, oldest first (page with the last id). */
  public List<DeadLetter> list(long afterId, int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
    }
    return consumer.withConnection((c, table) -> table.list(c, consumer.consumerId(), afterId, limit));
  }

  public Optional<DeadLetter> find(long id) {
    return consumer.withConnection((c, table) -> table.find(c, consumer.consumerId(), id));
  }

  public long count() {
    return consumer.withConnection((c, table) -> table.count(c, consumer.consumerId()));
  }

  /**
   * Handles the dead letter again, in one transaction with its inbox row, its handlers' effects and the removal of
   * the dead letter. A failing handler leaves the dead letter in place, with the new reason.
   */
  public ReplayResult replay(long id) {
    return consumer.replay(id);
  }

  /** Deletes the dead letter for good; false when there was none with this id. */
  public boolean delete(long id) {
    return consumer.withConnection((c, table) -> table.delete(c, consumer.consumerId(), id));
  }
}
