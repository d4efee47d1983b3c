package io.whizbang.spring.boot;

import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.projection.ProjectionEngine;
import io.whizbang.runtime.projection.RunningProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the service with the application context (its tables migrated, its relay, consumers and inbox cleaners
 * running, then its projections) and closes it when the context stops. A closed service does not start again, so a
 * context that stops is not restarted with it.
 */
final class WhizbangLifecycle implements SmartLifecycle {

  private final Whizbang whizbang;
  private final List<ProjectionDispatcher> projections;
  private final Supplier<ProjectionEngine> engine;
  private final List<RunningProjection> running = new ArrayList<>();
  private volatile boolean started;

  WhizbangLifecycle(Whizbang whizbang, List<ProjectionDispatcher> projections, Supplier<ProjectionEngine> engine) {
    this.whizbang = whizbang;
    this.projections = List.copyOf(projections);
    this.engine = engine;
  }

  @Override
  public synchronized void start() {
    whizbang.start();
    if (!projections.isEmpty()) {
      ProjectionEngine e = engine.get();
      for (ProjectionDispatcher p : projections) {
        RunningProjection r = e.start(p);
        running.add(r);
        whizbang.watch(r);
      }
    }
    started = true;
  }

  @Override
  public synchronized void stop() {
    started = false;
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
    running.clear();
    whizbang.close();
  }

  @Override
  public boolean isRunning() {
    return started;
  }
}
