package io.whizbang.sqs;

import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.transport.OutgoingMessage;

/** SQS or SNS did not accept a message (its batch entry failed on every attempt, or was not sent at all). */
public final class SqsPublishException extends WhizbangException {
  public SqsPublishException(String message) {
    super(message);
  }

  public SqsPublishException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The failure of {@code m}, not sent {@code where} because an earlier message of its key failed and it must not
   * overtake that one. No cause: this message was not refused itself, and an earlier refusal for good (too large)
   * as its cause would have the relay park it as poison too.
   */
  static SqsPublishException heldBehind(OutgoingMessage m, String where, Throwable earlier) {
    return new SqsPublishException("message " + m.messageId() + " (" + m.wireName() + ") was not sent" + where
        + ": an earlier message of partition key '" + m.partitionKey() + "' was not accepted, and this one must not"
        + " overtake it: " + earlier.getMessage());
  }
}
