package io.whizbang.sqs;

import io.whizbang.runtime.WhizbangException;

/** A message is over the 256 KiB SQS/SNS limit (body and attributes together); it is never sent. */
public final class MessageTooLargeException extends WhizbangException {
  public MessageTooLargeException(String message) {
    super(message);
  }
}
