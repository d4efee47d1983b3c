package io.whizbang.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.whizbang.runtime.transport.kit.KeyedLanes;
import io.whizbang.runtime.transport.kit.SettlingDelivery.ReceivedBody;
import io.whizbang.runtime.transport.kit.SettlingDelivery;
import io.whizbang.runtime.transport.kit.TransportCounters;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message taken from a queue with manual acknowledgement; settled once. A release does not give the message
 * back to the broker: its holding lanes keep it unacknowledged, with the later messages of its key behind it, and
 * hand a fresh delivery of it ({@link #again}) to the handler when the delay is over (the kit's
 * {@code KeyedLanes.holding}).
 */
final class RabbitMqDelivery extends SettlingDelivery implements KeyedLanes.Held<RabbitMqDelivery> {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitMqDelivery.class);

  final Channel channel;
  final long deliveryTag;
  final String queue;
  final AMQP.BasicProperties properties;
  /** When the broker delivered it ({@link System#nanoTime()}): how long it has been unacknowledged. */
  private final long receivedAt;
  private final int brokerDeliveries;
  private final int localRetries;
  private final KeyedLanes<RabbitMqDelivery> lanes;
  private final ChannelLife channelLife;
  private final int life;

  RabbitMqDelivery(Channel channel, long deliveryTag, String queue, AMQP.BasicProperties properties, byte[] body,
      boolean redelivered, KeyedLanes<RabbitMqDelivery> lanes, ChannelLife channelLife, TransportCounters counters) {
    this(channel, deliveryTag, queue, properties, Properties.received(properties, body),
        Properties.deliveryCount(properties, redelivered), 0, lanes,
        System.nanoTime(), channelLife, channelLife.current(), counters);
  }

  private RabbitMqDelivery(Channel channel, long deliveryTag, String queue, AMQP.BasicProperties properties,
      ReceivedBody body, int brokerDeliveries, int localRetries, KeyedLanes<RabbitMqDelivery> lanes, long receivedAt,
      ChannelLife channelLife, int life, TransportCounters counters) {
    super(counters, body, Properties.partitionKey(properties), brokerDeliveries + localRetries,
        publishedAt(properties));
    this.channel = channel;
    this.deliveryTag = deliveryTag;
    this.queue = queue;
    this.properties = properties;
    this.brokerDeliveries = brokerDeliveries;
    this.localRetries = localRetries;
    this.lanes = lanes;
    this.receivedAt = receivedAt;
    this.channelLife = channelLife;
    this.life = life;
  }

  /**
   * The same broker delivery, unsettled again, for the handler's next try; {@code attempted}: the handler ran on
   * this one, so the next counts one more delivery.
   */
  @Override
  public RabbitMqDelivery again(boolean attempted) {
    return new RabbitMqDelivery(channel, deliveryTag, queue, properties, receivedBody(), brokerDeliveries,
        localRetries + (attempted ? 1 : 0), lanes, receivedAt, channelLife, life, counters());
  }

  @Override
  public long receivedAtNanos() {
    return receivedAt;
  }

  /**
   * When the publisher sent the message: the AMQP {@code timestamp} property every Whizbang publisher sets (whole
   * seconds), or null for a message published without one. The inbox compares it with its retention.
   */
  private static java.time.Instant publishedAt(AMQP.BasicProperties properties) {
    java.util.Date timestamp = properties.getTimestamp();
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** Deliveries the broker reports (1 + its redeliveries), without this consumer's own retries. */
  int brokerDeliveries() {
    return brokerDeliveries;
  }

  String messageId() {
    return Properties.messageId(properties);
  }

  String wireName() {
    return Properties.wireName(properties);
  }

  /** The key that picks the lane: the partition key, or the message id for messages without one. */
  String laneKey() {
    return partitionKey() != null ? partitionKey() : String.valueOf(messageId());
  }

  @Override
  protected void acknowledge() {
    try {
      channel.basicAck(deliveryTag, false);
    } catch (IOException | RuntimeException e) {
      // The channel went down: the broker requeues the message and redelivers it after recovery.
      LOG.debug("ack of {} not sent ({}); it will be redelivered", this, e.toString());
    }
  }

  @Override
  protected void giveBack(Duration delay) {
    lanes.hold(this, delay);
  }

  /** Gives the message back to the queue, at its place (a held message whose hold outlasts the broker's patience). */
  @Override
  public void requeue() {
    try {
      channel.basicNack(deliveryTag, false, true);
    } catch (IOException | RuntimeException e) {
      LOG.debug("requeue of {} not sent ({}); the broker redelivers it after recovery", this, e.toString());
    }
  }

  /**
   * The channel it came on went down since (a lost connection, even if recovered): the broker has put the message
   * back into the queue, possibly for another consumer, so handling this copy could overtake the key's order there.
   */
  @Override
  public boolean isStale() {
    return channelLife.isOver(life);
  }

  @Override
  public String toString() {
    return "RabbitMqDelivery[" + wireName() + " " + messageId() + " from " + queue + " #" + deliveryCount() + "]";
  }
}
