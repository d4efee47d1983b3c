package io.whizbang.servicebus;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import io.whizbang.runtime.transport.kit.SettlingDelivery;
import io.whizbang.runtime.transport.kit.TransportCounters;
import java.time.Duration;

/**
 * One peek-locked message of a session a lane holds. {@link #ack()} completes it (after the inbox transaction
 * committed); {@link #release(Duration)} has the lane keep the session for the delay and then abandon the message,
 * so that it comes back first in its session and no later message of its key overtakes it.
 */
final class ServiceBusDelivery extends SettlingDelivery {

  private final ServiceBusReceivedMessage message;
  private final HeldSession session;

  /**
   * Its delivery count is 1 on first delivery (Service Bus counts every abandon and every lock that ran out); it was
   * published when Service Bus enqueued it.
   */
  ServiceBusDelivery(ServiceBusReceivedMessage message, HeldSession session, TransportCounters counters) {
    super(counters, WireMessage.received(message), WireMessage.partitionKey(message),
        WireMessage.deliveryCount(message), WireMessage.enqueuedAt(message));
    this.message = message;
    this.session = session;
  }

  ServiceBusReceivedMessage message() {
    return message;
  }

  String wireName() {
    return WireMessage.wireName(message);
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
