package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.transport.Delivery;
import java.time.Duration;

/** A delivery handed to the consumer directly, recording how it was settled. */
final class TestDelivery implements Delivery {
  private final byte[] body;
  private final String key;
  private final int count;
  String settledAs;
  Duration releaseDelay;
  /** The broker's publish time to report; null as a broker that reports none. */
  java.time.Instant publishedAt;

  TestDelivery(byte[] body, String key, int count) {
    this.body = body;
    this.key = key;
    this.count = count;
  }

  static TestDelivery of(Envelope e) {
    return new TestDelivery(EnvelopeCodec.encode(e), e.partitionKey(), 1);
  }

  static TestDelivery of(Envelope e, int deliveryCount) {
    return new TestDelivery(EnvelopeCodec.encode(e), e.partitionKey(), deliveryCount);
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
  public java.time.Instant publishedAt() {
    return publishedAt;
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
    settle("release");
    releaseDelay = delay;
  }

  private void settle(String how) {
    if (settledAs != null) {
      throw new IllegalStateException("settled twice: " + settledAs + ", then " + how);
    }
    settledAs = how;
  }
}
