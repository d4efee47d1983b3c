package io.whizbang.benchmarks.inbox;

import io.whizbang.runtime.transport.Delivery;
import java.time.Duration;

/** A delivery handed straight to the consumer, counting how it was settled. */
final class BenchDelivery implements Delivery {
  private final byte[] body;
  private final String key;
  boolean acked;
  boolean released;

  BenchDelivery(byte[] body, String key) {
    this.body = body;
    this.key = key;
  }

  @Override
  public byte[] body() {
    return body;
  }

  @Override
  public String partitionKey() {
    return key;
  }

  @Override
  public int deliveryCount() {
    return 1;
  }

  @Override
  public void ack() {
    acked = true;
  }

  @Override
  public void release(Duration delay) {
    released = true;
  }
}
