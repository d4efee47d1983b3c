package io.whizbang.runtime.transport;

import io.whizbang.runtime.core.WhizbangException;

/**
 * The broker refused this message for good: sending it again cannot succeed (too large, not authorised, rejected
 * by the broker's validation). A transport fails a publish future (or throws from {@link Transport#publish}) with
 * this exception, or with an exception that has it as a cause, only for such a refusal; the outbox relay then parks
 * the message as a dead letter.
 *
 * <p>Every other failure (the broker is down, the connection was refused or cut, the confirmation did not arrive
 * in time) means "unavailable": the relay keeps the message, holds the later messages of its key and retries with
 * backoff for as long as it takes. When in doubt a transport must not use this exception: a message wrongly taken
 * for unavailable waits and is retried, one wrongly taken for poison is parked.
 */
public class PermanentPublishException extends WhizbangException {
  public PermanentPublishException(String message) {
    super(message);
  }

  public PermanentPublishException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether {@code error} or one of its causes says the refusal is permanent. */
  public static boolean isPermanent(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof PermanentPublishException) {
        return true;
      }
    }
    return false;
  }
}
