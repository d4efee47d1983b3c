package io.whizbang.runtime.thread;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/** A user's thread factory as far as the tests go: makes daemon threads and remembers each one. */
public final class RecordingThreadFactory implements ThreadFactory {
  private final List<Thread> made = new CopyOnWriteArrayList<>();

  @Override
  public Thread newThread(Runnable task) {
    Thread t = new Thread(task, "user-thread");
    t.setDaemon(true);
    made.add(t);
    return t;
  }

  /** The names of the threads made so far (the library renames them after their job). */
  public List<String> names() {
    return made.stream().map(Thread::getName).toList();
  }

  /** True when a thread whose name starts with {@code prefix} came from this factory. */
  public boolean made(String prefix) {
    return made.stream().anyMatch(t -> t.getName().startsWith(prefix));
  }
}
