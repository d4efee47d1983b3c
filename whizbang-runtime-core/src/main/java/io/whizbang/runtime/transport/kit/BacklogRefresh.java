package io.whizbang.runtime.transport.kit;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription's backlog for a broker that answers it only to a request (a queue's message count): read on a
 * thread of its own at once and then every {@link #INTERVAL}, and kept in a volatile that
 * {@code Subscription.backlog()} returns without waiting. A read that fails leaves the backlog unknown (empty) until
 * one succeeds again; delivery never waits for a read.
 *
 * <pre>{@code
 * BacklogRefresh backlog = BacklogRefresh.start(config.threads("whizbang-xxx-backlog"), "queue 'shop-orders'",
 *     () -> broker.readyMessages("shop-orders"));
 * // in the subscription: backlog() returns backlog.value(); close() calls backlog.close()
 * }</pre>
 */
public final class BacklogRefresh implements AutoCloseable {

  /**
   * How often the backlog is read again: often enough for a dashboard scraped every 15 to 60 seconds, rarely enough
   * that the reads cost the broker nothing worth measuring.
   */
  public static final Duration INTERVAL = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(BacklogRefresh.class);
  private static final long UNKNOWN = -1;

  /** One read of the backlog from the broker; it may block, up to the broker's operation timeout. */
  @FunctionalInterface
  public interface Reader {
    long read() throws Exception;
  }

  private final String what;
  private final Reader reader;
  /** {@code null} for a backlog nobody reads from the broker ({@link #unknown()}). */
  private final ScheduledExecutorService scheduler;
  private volatile long value = UNKNOWN;
  /** Whether the last read failed, so a lasting failure is logged once at WARN, not at every read. */
  private boolean failing; // only the scheduler's thread touches it

  private BacklogRefresh(ThreadFactory threads, String what, Reader reader) {
    this.what = what;
    this.reader = reader;
    this.scheduler = threads == null ? null : Executors.newSingleThreadScheduledExecutor(threads);
  }

  /**
   * A backlog that no thread reads: unknown until {@link #set}, for a subscription that cannot read it (no
   * administration endpoint) or that computes it itself (Kafka's lag, on its poll thread).
   */
  public static BacklogRefresh unknown() {
    return new BacklogRefresh(null, "nothing", null);
  }

  /** Sets the backlog, for a subscription that computes it itself. */
  public void set(long backlog) {
    value = Math.max(0, backlog);
  }

  /**
   * Starts reading the backlog of {@code what} (how a log line names it) on one thread from {@code threads}.
   */
  public static BacklogRefresh start(ThreadFactory threads, String what, Reader reader) {
    BacklogRefresh refresh = new BacklogRefresh(threads, what, reader);
    refresh.scheduler.scheduleWithFixedDelay(refresh::refresh, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return refresh;
  }

  /** The backlog the last read returned, or empty before the first one and after a failed one. */
  public OptionalLong value() {
    long v = value;
    return v == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(v);
  }

  private void refresh() {
    try {
      value = Math.max(0, reader.read());
      failing = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    } catch (Exception e) {
      value = UNKNOWN;
      if (!failing && !scheduler.isShutdown()) {
        LOG.warn("Cannot read the backlog of {}; it is unknown until a read succeeds: {}", what, e.toString());
      } else {
        LOG.debug("Cannot read the backlog of {}", what, e);
      }
      failing = true;
    }
  }

  /** Stops reading; {@link #value()} keeps the last value. Idempotent. */
  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
