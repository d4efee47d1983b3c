package io.whizbang.runtime.projection;

/** A failure of the feed worth another attempt. */
final class RetryableFeedException extends RuntimeException {
  RetryableFeedException(String message) {
    super(message);
  }
}
