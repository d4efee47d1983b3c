package io.whizbang.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.whizbang.runtime.transport.Delivery;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** One message taken from a queue with manual acknowledgement; settled once, through its lane. */
final class RabbitMqDelivery implements Delivery {

  final Channel channel;
  final long deliveryTag;
  final String queue;
  final AMQP.BasicProperties properties;
  private final byte[] body;
  private final String partitionKey;
  private final int deliveryCount;
  private final Lane lane;
  private final AtomicBoolean settled = new AtomicBoolean();

  RabbitMqDelivery(Channel channel, long deliveryTag, String queue, AMQP.BasicProperties properties, byte[] body,
      boolean redelivered, Lane lane) {
    this.channel = channel;
    this.deliveryTag = deliveryTag;
    this.queue = queue;
    this.properties = properties;
    this.body = body;
    this.partitionKey = Properties.partitionKey(properties);
    this.deliveryCount = Properties.deliveryCount(properties, redelivered);
    this.lane = lane;
  }

  @Override
  public byte[] body() {
    return body;
  }

  @Override
  public String partitionKey() {
    return partitionKey;
  }

  @Override
  public int deliveryCount() {
    return deliveryCount;
  }

  String messageId() {
    return properties.getMessageId();
  }

  String wireName() {
    return properties.getType();
  }

  /** The key that picks the lane: the partition key, or the message id for messages without one. */
  String laneKey() {
    return partitionKey != null ? partitionKey : String.valueOf(messageId());
  }

  @Override
  public void ack() {
    settle("ack");
    lane.ack(this);
  }

  @Override
  public void release(Duration delay) {
    settle("release");
    lane.release(this, delay == null ? Duration.ZERO : delay);
  }

  boolean isSettled() {
    return settled.get();
  }

  /** Marks the delivery settled without telling the broker (the lane does that). */
  boolean claim() {
    return settled.compareAndSet(false, true);
  }

  private void settle(String how) {
    if (!settled.compareAndSet(false, true)) {
      throw new IllegalStateException("message " + messageId() + " was already settled; " + how
          + " must be called at most once per delivery");
    }
  }

  @Override
  public String toString() {
    return "RabbitMqDelivery[" + wireName() + " " + messageId() + " from " + queue + " #" + deliveryCount + "]";
  }
}
