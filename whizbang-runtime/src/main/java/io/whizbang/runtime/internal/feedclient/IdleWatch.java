package io.whizbang.runtime.internal.feedclient;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that is closed when no byte arrived for a while: a feed that keeps its connection open but stops
 * sending (a hung server or proxy) would otherwise block the backfill forever. Closing makes the blocked read fail,
 * and the reader retries from its last cursor.
 */
final class IdleWatch extends FilterInputStream {
  private final long timeoutNanos;
  private final ScheduledFuture<?> check;
  private volatile long lastByteNanos = System.nanoTime();
  private volatile boolean timedOut;

  /** Watches {@code body}, looking at it on {@code timer} (the reader's, on the service's threads). */
  IdleWatch(InputStream body, Duration timeout, ScheduledExecutorService timer) {
    super(body);
    this.timeoutNanos = timeout.toNanos();
    long period = Math.max(10, timeout.toMillis() / 4);
    this.check = timer.scheduleWithFixedDelay(this::closeIfIdle, period, period, TimeUnit.MILLISECONDS);
  }

  private void closeIfIdle() {
    if (System.nanoTime() - lastByteNanos > timeoutNanos) {
      timedOut = true;
      check.cancel(false);
      try {
        in.close();
      } catch (IOException e) {
        // Closing to unblock the reader; it reports the timeout.
      }
    }
  }

  /** True when the body was closed for idleness. */
  boolean timedOut() {
    return timedOut;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    lastByteNanos = System.nanoTime();
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    lastByteNanos = System.nanoTime();
    return n;
  }

  @Override
  public void close() throws IOException {
    check.cancel(false);
    super.close();
  }
}
