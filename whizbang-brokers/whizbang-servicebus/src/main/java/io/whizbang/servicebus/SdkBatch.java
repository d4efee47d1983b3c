package io.whizbang.servicebus;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderClient;

/** An {@link EntityBatch} on the SDK: its size limit is the one the entity's link advertised. */
final class SdkBatch implements EntityBatch {

  private final ServiceBusSenderClient sender;
  private final ServiceBusMessageBatch batch;

  /** Opens the sender's link if needed (which fails when the namespace is unreachable or the entity missing). */
  SdkBatch(ServiceBusSenderClient sender) {
    this.sender = sender;
    this.batch = sender.createMessageBatch();
  }

  @Override
  public boolean tryAdd(ServiceBusMessage message) {
    try {
      return batch.tryAddMessage(message);
    } catch (ServiceBusException e) {
      // The SDK throws instead of answering false when the message alone is over the limit.
      if (e.getReason() == ServiceBusFailureReason.MESSAGE_SIZE_EXCEEDED) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public int count() {
    return batch.getCount();
  }

  @Override
  public int maxSizeInBytes() {
    return batch.getMaxSizeInBytes();
  }

  @Override
  public void send() {
    sender.sendMessages(batch);
  }
}
