package io.whizbang.benchmarks.axon;

import io.whizbang.benchmarks.harness.Alternating.Done;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A fixed number of threads each committing transactions back to back for a slice; counts the events written. */
final class ParallelWriters implements AutoCloseable {
  /** One transaction. */
  interface Transaction {
    void run() throws Exception;
  }

  private final int threads;
  private final ExecutorService pool;

  ParallelWriters(int threads) {
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads);
  }

  Done run(long nanos, int eventsPerTransaction, Transaction transaction) throws Exception {
    long start = System.nanoTime();
    List<Future<Long>> writers = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      writers.add(pool.submit(() -> {
        long events = 0;
        while (System.nanoTime() - start < nanos) {
          transaction.run();
          events += eventsPerTransaction;
        }
        return events;
      }));
    }
    long events = 0;
    for (Future<Long> w : writers) {
      events += w.get();
    }
    return Done.since(start, events);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
