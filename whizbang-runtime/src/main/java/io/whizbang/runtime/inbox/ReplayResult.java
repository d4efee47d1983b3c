package io.whizbang.runtime.inbox;

/**
 * What {@link DeadLetters#replay} did.
 *
 * @param status the outcome
 * @param reason why the replay failed, or {@code null}
 */
public record ReplayResult(Status status, String reason) {

  public enum Status {
    /** Handled and committed; the dead letter is gone. */
    REPLAYED,
    /** No such dead letter: it was replayed or deleted already. */
    NOT_FOUND,
    /** Handling failed again; the dead letter stays, with the new reason and one more attempt. */
    FAILED
  }

  static final ReplayResult REPLAYED = new ReplayResult(Status.REPLAYED, null);
  static final ReplayResult NOT_FOUND = new ReplayResult(Status.NOT_FOUND, null);

  static ReplayResult failed(String reason) {
    return new ReplayResult(Status.FAILED, reason);
  }
}
