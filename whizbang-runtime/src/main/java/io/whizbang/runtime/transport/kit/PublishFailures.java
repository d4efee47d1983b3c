package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.WhizbangException;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import java.util.function.Predicate;

/**
 * The two failures a publish future may fail with (see {@link PermanentPublishException}): "refused for good" and
 * "unavailable", decided once per broker by a rule that recognises its permanent refusals, plus the failure of a
 * message held back behind an earlier failure of its key, which is never permanent.
 */
public final class PublishFailures {

  private PublishFailures() {}

  /**
   * The failure for a publish the broker failed with {@code error}: a {@link PermanentPublishException} when
   * {@code permanent} recognises {@code error} (or one of its causes), else an unavailable failure, both saying
   * {@code text} and keeping {@code error} as cause. When in doubt a rule answers false.
   */
  public static WhizbangException classify(String text, Throwable error, Predicate<Throwable> permanent) {
    return isPermanent(error, permanent) ? new PermanentPublishException(text, error)
        : new WhizbangException(text, error);
  }

  /** Whether {@code permanent} recognises {@code error} or one of its causes. */
  public static boolean isPermanent(Throwable error, Predicate<Throwable> permanent) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
      if (permanent.test(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The failure of {@code message}, not sent because an earlier message of its key in the same publish call failed
   * (the ordering contract). It carries no cause: this message was not refused itself, so it is never poison.
   */
  public static WhizbangException heldBehind(String transport, OutgoingMessage message, Throwable earlier) {
    return new WhizbangException(transport + ": did not send message " + message.messageId() + " ("
        + message.wireName() + ") because an earlier message of its key '" + message.partitionKey() + "' in the"
        + " same publish call failed and this one must not overtake it: " + earlier.getMessage());
  }
}
