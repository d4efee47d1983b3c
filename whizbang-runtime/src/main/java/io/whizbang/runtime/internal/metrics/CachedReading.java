package io.whizbang.runtime.internal.metrics;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the database at most once per {@code ttl}, for gauges: however often (and from however many
 * threads) a registry scrapes, the query runs at most once per interval. A failed read is remembered for the interval
 * too (a database that is down is not asked at every scrape), answers {@code null}, and is logged at debug only:
 * the health check and the runtime's own logs already say the database is away.
 */
final class CachedReading<T> {
  private static final Logger LOG = LoggerFactory.getLogger(CachedReading.class);

  private final String what;
  private final Callable<T> read;
  private final long ttlNanos;
  private T value;
  private boolean everRead;
  private long readAtNanos;

  CachedReading(String what, Duration ttl, Callable<T> read) {
    this.what = what;
    this.read = read;
    this.ttlNanos = ttl.toNanos();
  }

  /** The value, read now if the last read is older than the TTL; {@code null} when that read failed. */
  synchronized T get() {
    long now = System.nanoTime();
    if (!everRead || now - readAtNanos >= ttlNanos) {
      everRead = true;
      readAtNanos = now;
      try {
        value = read.call();
      } catch (Exception e) {
        value = null;
        LOG.debug("Reading {} for a meter failed; the meter shows NaN until the next read", what, e);
      }
    }
    return value;
  }
}
