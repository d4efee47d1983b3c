package io.whizbang.spring.boot;

import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.feed.EventFeedServer;
import io.whizbang.runtime.projection.ProjectionEngine;
import io.whizbang.runtime.projection.RunningProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the service with the application context (its tables migrated, its relay, consumers and inbox cleaners
 * running, then its event feed server and its projections) and closes it when the context stops. A closed service does not start again, so a
 * context that stops is not restarted with it.
 */
final class WhizbangLifecycle implements SmartLifecycle {

  private final Whizbang whizbang;
  private final List<ProjectionDispatcher> projections;
  private final Supplier<ProjectionEngine> engine;
  private final Supplier<EventFeedServer> feedServer;
  private final List<RunningProjection> running = new ArrayList<>();
  private EventFeedServer feed;
  private volatile boolean started;

  /** {@code feedServer} null: the service serves no feed. */
  WhizbangLifecycle(Whizbang whizbang, List<ProjectionDispatcher> projections, Supplier<ProjectionEngine> engine,
      Supplier<EventFeedServer> feedServer) {
    this.whizbang = whizbang;
    this.projections = List.copyOf(projections);
    this.engine = engine;
    this.feedServer = feedServer;
  }

  @Override
  public synchronized void start() {
    whizbang.start();
    if (feedServer != null) {
      feed = feedServer.get();
    }
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
    if (feed != null) {
      feed.close();
      feed = null;
    }
    whizbang.close();
  }

  /** The feed server while running, if the service serves its feed. */
  synchronized Optional<EventFeedServer> feedServer() {
    return Optional.ofNullable(feed);
  }

  @Override
  public boolean isRunning() {
    return started;
  }
}
