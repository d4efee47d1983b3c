package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.core.WhizbangException;
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
   * The failure for a publish the broker failed with {@code error}: a {@link PermanentPublishException} when the
   * broker's rule {@code permanent} recognises {@code error} as a refusal for good, else an unavailable failure,
   * both saying {@code text} and keeping {@code error} as cause. The rule sees the error as the client reported it;
   * when in doubt it answers false.
   */
  public static WhizbangException classify(String text, Throwable error, Predicate<Throwable> permanent) {
    return permanent.test(error) ? new PermanentPublishException(text, error) : new WhizbangException(text, error);
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
