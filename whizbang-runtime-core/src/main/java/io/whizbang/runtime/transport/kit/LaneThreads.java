package io.whizbang.runtime.transport.kit;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default {@link ThreadFactory} of transport threads: daemon threads (a transport the application forgot to
 * close must not keep the JVM alive) named {@code <prefix>-<n>} from 0, so a thread dump says whose they are.
 */
public final class LaneThreads {

  private LaneThreads() {}

  public static ThreadFactory daemon(String prefix) {
    AtomicInteger next = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + next.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
  }
}
