package io.whizbang.sqs;

import io.whizbang.runtime.WhizbangException;

/** SQS or SNS did not accept a message (its batch entry failed on every attempt, or was not sent at all). */
public final class SqsPublishException extends WhizbangException {
  public SqsPublishException(String message) {
    super(message);
  }

  public SqsPublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
