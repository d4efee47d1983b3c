package io.whizbang.runtime.projection;

import io.whizbang.runtime.internal.feedclient.FeedEvent;
import io.whizbang.runtime.internal.feedclient.FeedSink;
import io.whizbang.runtime.thread.Threads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads the feed while the previous page is applied. The backfill reader hands events to this sink on its own
 * thread; one applying thread takes them in the same order and gives them to the sink that applies pages. Without
 * it the two took turns: the feed server reads the store only as fast as its client takes lines, so between two
 * pages the projection waited for the server's store read (BENCHMARKS.md, "Catch-up: Whizbang's projection vs
 * Axon's tracking processor, per page").
 *
 * <p>Order and exactly-once are the applying sink's, unchanged: one thread applies, in feed order, each page with its
 * checkpoint. At most {@code capacity} events wait between the two threads. When the applying side fails it stops,
 * and its failure is thrown on the reading thread at the next hand-over or at {@link #finish()}, as the applying sink
 * threw it; the events read after it are not applied (the checkpoint does not cover them, a restart reads them again).
 */
final class ReadAhead implements FeedSink {
  /** How long a hand-over waits for room before it looks again whether the applying side failed. */
  private static final long OFFER_WAIT_MILLIS = 50;
  private static final Object PAUSE = new Object();
  private static final Object END = new Object();

  private final FeedSink target;
  private final BlockingQueue<Object> queue;
  private final Thread applying;
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile Throwable failure;
  private volatile boolean abandoned;

  ReadAhead(FeedSink target, int capacity, Threads threads, String threadName) {
    this.target = target;
    this.queue = new ArrayBlockingQueue<>(capacity + 1); // + 1: room for the END of a full queue
    this.applying = threads.newThread(threadName, this::applyInOrder);
    applying.start();
  }

  @Override
  public void onEvent(FeedEvent event) throws Exception {
    handOver(event);
  }

  @Override
  public void onPause() throws Exception {
    handOver(PAUSE);
  }

  /** Waits until every event handed over was applied; throws what the applying sink threw. */
  void finish() throws Exception {
    handOver(END);
    awaitEnded();
    throwFailure();
  }

  /**
   * The read ended without reaching the head (it failed or was aborted): drops what waits, lets the page being
   * applied finish, and returns when the applying thread has ended, so that nothing is applied after the caller moved
   * on.
   */
  void abandon() throws InterruptedException {
    abandoned = true;
    queue.clear();
    queue.offer(END);
    awaitEnded();
  }

  private void handOver(Object item) throws Exception {
    throwFailure();
    while (!queue.offer(item, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
      throwFailure();
    }
  }

  private void awaitEnded() throws InterruptedException {
    ended.await();
  }

  private void throwFailure() throws Exception {
    Throwable f = failure;
    if (f instanceof Exception e) {
      throw e;
    }
    if (f instanceof Error e) {
      throw e;
    }
  }

  private void applyInOrder() {
    try {
      while (true) {
        Object item = queue.take();
        if (item == END || abandoned) {
          return;
        }
        if (item == PAUSE) {
          target.onPause();
        } else {
          target.onEvent((FeedEvent) item);
        }
      }
    } catch (Throwable e) {
      failure = e;
      queue.clear(); // a reader waiting for room sees the failure at once
    } finally {
      ended.countDown();
    }
  }
}
