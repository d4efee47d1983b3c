package io.whizbang.runtime;

import java.util.List;
import java.util.Optional;

/**
 * The dead letters of one place that parks messages instead of losing them: an inbox
 * ({@code whizbang.inbox(subscriberId).get().deadLetters()}), the outbox ({@code whizbang.outboxDeadLetters()},
 * {@code relay.deadLetters()}) or a projection ({@code engine.deadLetters(dispatcher)}). List them, replay one once its
 * cause is fixed, or discard it.
 *
 * <pre>{@code
 * DeadLetters parked = whizbang.inbox("shipping").orElseThrow().deadLetters();
 * for (DeadLetter letter : parked.list(0, 100)) {
 *   ReplayResult result = parked.replay(letter.id());   // or parked.discard(letter.id())
 * }
 * }</pre>
 */
public interface DeadLetters {

  /** Up to {@code limit} (1 to 10,000) dead letters with an id greater than {@code afterId}, oldest first. */
  List<DeadLetter> list(long afterId, int limit);

  Optional<DeadLetter> find(long id);

  long count();

  /**
   * Tries the dead letter again, through the path it was parked from, in one transaction with its removal:
   * <ul>
   *   <li>inbox: handled once more, inbox-guarded (applied at most once, however often or concurrently called);
   *   <li>outbox: put back in the outbox in its old place, so the relay publishes it before the later rows of its key;
   *   <li>projection: applied now, after the events that followed it in the feed.
   * </ul>
   * A failing replay keeps the dead letter, with the new reason.
   */
  ReplayResult replay(long id);

  /** Drops the dead letter for good; false when there was none with this id. */
  boolean discard(long id);

  /**
   * What {@link #replay} did.
   *
   * @param status the outcome
   * @param reason why the replay failed, or {@code null}
   */
  record ReplayResult(Status status, String reason) {

    public enum Status {
      /** Handled, requeued or applied, and committed; the dead letter is gone. */
      REPLAYED,
      /** No such dead letter: it was replayed or discarded already. */
      NOT_FOUND,
      /** Failed again; the dead letter stays, with the new reason. */
      FAILED
    }

    public static ReplayResult replayed() {
      return new ReplayResult(Status.REPLAYED, null);
    }

    public static ReplayResult notFound() {
      return new ReplayResult(Status.NOT_FOUND, null);
    }

    public static ReplayResult failed(String reason) {
      return new ReplayResult(Status.FAILED, reason);
    }
  }
}
