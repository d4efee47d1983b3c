package io.whizbang.runtime.transport;

/** A running consumer. Closing it stops delivery; deliveries not yet acknowledged are redelivered later. */
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
