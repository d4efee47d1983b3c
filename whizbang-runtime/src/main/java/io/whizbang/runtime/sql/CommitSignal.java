package io.whizbang.runtime.sql;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process "something was committed" signal: the outbox raises it after a commit it knows about, relays of
 * the same process listen to it and wake at once instead of waiting for their next poll.
 */
public final class CommitSignal {
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Wakes every listener; cheap and non-blocking. */
  public void fire() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  /** Registers {@code listener}; it must be quick and must not throw. */
  public void listen(Runnable listener) {
    listeners.add(listener);
  }

  public void unlisten(Runnable listener) {
    listeners.remove(listener);
  }
}
