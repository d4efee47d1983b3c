package io.whizbang.servicebus;

import com.azure.messaging.servicebus.ServiceBusMessage;

/**
 * One batch on its way to one entity: what {@link BatchPacker} needs of the SDK's {@code ServiceBusMessageBatch}
 * and sender, so that its decisions can be tested without a broker.
 */
interface EntityBatch {

  /** Adds the message if it fits the batch's size limit; false when it does not fit (now, or at all). */
  boolean tryAdd(ServiceBusMessage message);

  int count();

  /** The entity's limit for one batch (and so for one message), in bytes. */
  int maxSizeInBytes();

  /** Sends the batch as one operation: Service Bus stores all of its messages or none. */
  void send();
}
