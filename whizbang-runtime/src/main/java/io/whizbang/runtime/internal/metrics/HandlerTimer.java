package io.whizbang.runtime.internal.metrics;

/**
 * Times an inbox consumer's handler runs. Free of Micrometer's types: the consumer holds {@link #NONE} (shared, does
 * nothing, not even read the clock) unless the service was given a {@code MeterRegistry}.
 *
 * <pre>{@code
 * long started = timer.start();
 * try { handlers.run(...); } finally { timer.stop(started); }
 * }</pre>
 */
public interface HandlerTimer {

  HandlerTimer NONE = new HandlerTimer() {
    @Override
    public long start() {
      return 0;
    }

    @Override
    public void stop(long started) {
      // not measured
    }
  };

  /** The start of a run, to hand back to {@link #stop}. */
  long start();

  /** Records the run begun at {@code started}, whether it succeeded or threw. */
  void stop(long started);
}
