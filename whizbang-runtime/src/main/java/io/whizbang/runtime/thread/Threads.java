package io.whizbang.runtime.thread;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the library's background loops get their threads: the relay and its LISTEN connection, the commit notifier,
 * the inbox cleaners, the projections, the event feed server and the in-memory transport's lanes. By default each is
 * a new platform daemon thread (a forgotten {@code close()} never keeps the JVM alive); {@link #of} hands them to a
 * factory of yours instead, for example virtual threads on Java 21 or a container's managed threads:
 *
 * <pre>{@code
 * SqlStorage storage = SqlStorage.builder(dataSource).threads(Thread.ofVirtual().factory()).build();
 * Whizbang.builder().threads(managedThreadFactory)...
 * }</pre>
 *
 * <p>Every thread is named after its job ({@code whizbang-relay-...}, {@code whizbang-inbox-cleanup-...}) for logs and
 * thread dumps; whether it is a daemon is left to your factory.
 */
public final class Threads {
  private static final Threads DEFAULTS = new Threads(null);

  /** Null: the library's own daemon threads. */
  private final ThreadFactory factory;

  private Threads(ThreadFactory factory) {
    this.factory = factory;
  }

  /** New platform daemon threads, as the library made them before it could be told otherwise. */
  public static Threads defaults() {
    return DEFAULTS;
  }

  /** Threads from {@code factory}, each renamed after its job. */
  public static Threads of(ThreadFactory factory) {
    return new Threads(Objects.requireNonNull(factory, "threadFactory"));
  }

  /** True for {@link #defaults()}. */
  public boolean isDefault() {
    return factory == null;
  }

  /** A new, unstarted thread named {@code name} that runs {@code task}. */
  public Thread newThread(String name, Runnable task) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(task, "task");
    if (factory == null) {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      return t;
    }
    Thread t = factory.newThread(task);
    if (t == null) {
      throw new IllegalStateException("The ThreadFactory given to whizbang returned no thread for '" + name + "'");
    }
    t.setName(name);
    return t;
  }

  /** A factory for an executor's threads: {@code prefix-1}, {@code prefix-2}, ... */
  public ThreadFactory named(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    AtomicInteger n = new AtomicInteger();
    return task -> newThread(prefix + "-" + n.incrementAndGet(), task);
  }

  @Override
  public String toString() {
    return factory == null ? "Threads[default daemon threads]" : "Threads[" + factory + "]";
  }
}
