package io.whizbang.runtime.testfixtures;

import io.whizbang.runtime.transport.Delivery;
import java.time.Duration;
import java.time.Instant;

/** A delivery that passes every call on to another; tests override what they observe or change (settlement). */
public class ForwardingDelivery implements Delivery {
  protected final Delivery delivery;

  public ForwardingDelivery(Delivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public byte[] body() {
    return delivery.body();
  }

  @Override
  public String partitionKey() {
    return delivery.partitionKey();
  }

  @Override
  public int deliveryCount() {
    return delivery.deliveryCount();
  }

  @Override
  public Instant publishedAt() {
    return delivery.publishedAt();
  }

  @Override
  public void ack() {
    delivery.ack();
  }

  @Override
  public void release(Duration delay) {
    delivery.release(delay);
  }
}
