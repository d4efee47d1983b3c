package io.whizbang.runtime.internal.feedclient;

/** A failure of the feed worth another attempt. */
final class RetryableFeedException extends RuntimeException {
  RetryableFeedException(String message) {
    super(message);
  }
}
