package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.transport.Subscription;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open or closed, and the subscriptions to stop on close: the part of {@code Transport.close()} every transport
 * shares. {@link #ensureOpen(String)} gives every transport the same error after close.
 */
public final class TransportLifecycle {

  private final String transport;
  private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** @param transport how the error names the transport ({@code "Kafka"}, {@code "in-memory"}) */
  public TransportLifecycle(String transport) {
    this.transport = transport;
  }

  /** Throws {@link IllegalStateException} naming {@code operation} once the transport is closed. */
  public void ensureOpen(String operation) {
    if (closed) {
      throw new IllegalStateException("Cannot " + operation + ": the " + transport + " transport is closed."
          + " Create a new transport (or Whizbang instance) to continue.");
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /** Remembers an open subscription until {@link #forget} (its own close) or the transport's close. */
  public <S extends Subscription> S track(S subscription) {
    open.add(subscription);
    return subscription;
  }

  public void forget(Subscription subscription) {
    open.remove(subscription);
  }

  public int openSubscriptions() {
    return open.size();
  }

  /**
   * Marks the transport closed and closes its open subscriptions, each letting its handlers finish.
   *
   * @return false when it was closed already (the caller has nothing more to release)
   */
  public boolean close() {
    synchronized (this) {
      if (closed) {
        return false;
      }
      closed = true;
    }
    for (Subscription subscription : List.copyOf(open)) {
      subscription.close();
    }
    open.clear();
    return true;
  }
}
