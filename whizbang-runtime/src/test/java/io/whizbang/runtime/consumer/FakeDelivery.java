package io.whizbang.runtime.consumer;

import io.whizbang.runtime.transport.Delivery;
import java.time.Duration;

/** A delivery that remembers how it was settled. */
final class FakeDelivery implements Delivery {
  private final byte[] body;
  private final String key;
  private final int count;
  String settlement; // "ack" or "release:<millis>"

  FakeDelivery(byte[] body, String key, int count) {
    this.body = body;
    this.key = key;
    this.count = count;
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
    return count;
  }

  @Override
  public void ack() {
    settle("ack");
  }

  @Override
  public void release(Duration delay) {
    settle("release:" + delay.toMillis());
  }

  private void settle(String how) {
    if (settlement != null) {
      throw new IllegalStateException("settled twice: " + settlement + " then " + how);
    }
    settlement = how;
  }
}
