package io.whizbang.runtime.feed;

import io.whizbang.runtime.core.WhizbangException;

/**
 * A feed request that cannot be served as asked: the HTTP status to answer, a stable error code and a message that
 * says what to change. The default server turns it into a JSON error body; a user mounting {@link EventFeed} in
 * another framework does the same.
 */
public final class FeedRequestException extends WhizbangException {
  private final int status;
  private final String code;

  public FeedRequestException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** The HTTP status: 400, 401, 404 or 405. */
  public int status() {
    return status;
  }

  /** A stable machine-readable code, for example {@code unknown_type} or {@code bad_cursor}. */
  public String code() {
    return code;
  }
}
