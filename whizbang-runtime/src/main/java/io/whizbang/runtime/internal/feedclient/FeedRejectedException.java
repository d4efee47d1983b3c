package io.whizbang.runtime.internal.feedclient;

import io.whizbang.runtime.core.WhizbangException;

/**
 * The owner's feed refused the request with a 4xx: retrying would not help. The message carries the server's
 * explanation (for example an unknown type name, or a missing bearer token).
 */
public final class FeedRejectedException extends WhizbangException {
  private final int status;
  private final String code;

  FeedRejectedException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** The HTTP status, 400 to 499. */
  public int status() {
    return status;
  }

  /** The server's error code ({@code unknown_type}, {@code unauthorized}, ...), or {@code null} if it sent none. */
  public String code() {
    return code;
  }
}
