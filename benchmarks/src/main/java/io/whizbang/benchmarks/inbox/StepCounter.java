package io.whizbang.benchmarks.inbox;

import io.whizbang.annotations.Handles;
import java.util.concurrent.atomic.AtomicLong;

/** A handler without effects of its own: what remains is the consumer's cost (decode, inbox row, commit, ack). */
public final class StepCounter {
  private final AtomicLong seen = new AtomicLong();

  @Handles
  void on(StepRecorded step) {
    seen.incrementAndGet();
  }

  public long seen() {
    return seen.get();
  }
}
