package io.whizbang.sqs;

import io.whizbang.runtime.transport.PermanentPublishException;

/** A message is over the 256 KiB SQS/SNS limit (body and attributes together); it is never sent, and the outbox relay parks it. */
public final class MessageTooLargeException extends PermanentPublishException {
  public MessageTooLargeException(String message) {
    super(message);
  }
}
