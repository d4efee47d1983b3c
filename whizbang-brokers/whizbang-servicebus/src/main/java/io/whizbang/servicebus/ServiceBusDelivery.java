package io.whizbang.servicebus;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import io.whizbang.runtime.transport.kit.SettlingDelivery;
import io.whizbang.runtime.transport.kit.TransportCounters;
import java.time.Duration;
import java.time.Instant;

/**
 * One peek-locked message of a session a lane holds. {@link #ack()} completes it (after the inbox transaction
 * committed); {@link #release(Duration)} has the lane keep the session for the delay and then abandon the message,
 * so that it comes back first in its session and no later message of its key overtakes it.
 */
final class ServiceBusDelivery extends SettlingDelivery {

  private final ServiceBusReceivedMessage message;
  private final HeldSession session;

  ServiceBusDelivery(ServiceBusReceivedMessage message, HeldSession session, TransportCounters counters) {
    super(counters, WireMessage.received(message), WireMessage.partitionKey(message));
    this.message = message;
    this.session = session;
  }

  ServiceBusReceivedMessage message() {
    return message;
  }

  String wireName() {
    return WireMessage.wireName(message);
  }

  /** 1 on first delivery; Service Bus counts every abandon and every lock that ran out. */
  @Override
  public int deliveryCount() {
    return WireMessage.deliveryCount(message);
  }

  /** When Service Bus enqueued the message. */
  @Override
  public Instant publishedAt() {
    return message.getEnqueuedTime() == null ? null : message.getEnqueuedTime().toInstant();
  }

  @Override
  protected void acknowledge() {
    session.complete(this);
  }

  @Override
  protected void giveBack(Duration delay) {
    session.released(this, delay);
  }

  @Override
  public String toString() {
    return "ServiceBusDelivery[" + wireName() + " " + message.getMessageId() + " session " + message.getSessionId()
        + " #" + deliveryCount() + "]";
  }
}
