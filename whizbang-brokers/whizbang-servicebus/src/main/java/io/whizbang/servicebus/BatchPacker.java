package io.whizbang.servicebus;

import com.azure.messaging.servicebus.ServiceBusMessage;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.kit.BrokerConfig.WireFormat;
import io.whizbang.runtime.transport.kit.PublishFailures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sends messages to one entity in list order, packed into as few batches as the entity's size limit allows. A message
 * that does not fit even an empty batch is refused before anything is sent for it ({@link MessageTooLargeException},
 * parked by the relay). Once a message of a key has failed, the later ones of that key are not sent: they would
 * overtake it when the relay retries it. A batch is stored whole or not at all, so a failed send fails each of its
 * messages with the same cause.
 */
final class BatchPacker {

  private final String entity;
  private final Supplier<EntityBatch> batches;
  private final SendCounters counters;
  private final WireFormat wireFormat;

  BatchPacker(String entity, Supplier<EntityBatch> batches, SendCounters counters) {
    this(entity, batches, counters, WireFormat.WHIZBANG);
  }

  BatchPacker(String entity, Supplier<EntityBatch> batches, SendCounters counters, WireFormat wireFormat) {
    this.wireFormat = wireFormat;
    this.entity = entity;
    this.batches = batches;
    this.counters = counters;
  }

  /** One entry per message: {@code null} when Service Bus stored it, otherwise why not. */
  Throwable[] sendAll(List<OutgoingMessage> messages) {
    Throwable[] result = new Throwable[messages.size()];
    Map<String, Throwable> failedKeys = new HashMap<>();
    EntityBatch batch = null;
    List<Integer> inBatch = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      OutgoingMessage m = messages.get(i);
      String key = m.partitionKey();
      if (key != null && failedKeys.containsKey(key)) {
        result[i] = PublishFailures.heldBehind("Service Bus", m, failedKeys.get(key));
        continue;
      }
      ServiceBusMessage wire = WireMessage.of(m, wireFormat);
      try {
        if (batch == null) {
          batch = batches.get();
        }
        if (!batch.tryAdd(wire)) {
          if (batch.count() > 0) {
            send(batch, messages, inBatch, result, failedKeys);
            inBatch.clear();
            batch = null;
            if (key != null && failedKeys.containsKey(key)) { // the full batch held an earlier one of its key
              result[i] = PublishFailures.heldBehind("Service Bus", m, failedKeys.get(key));
              continue;
            }
            batch = batches.get();
          }
          if (!batch.tryAdd(wire)) {
            counters.tooLarge.increment();
            result[i] = tooLarge(m, batch.maxSizeInBytes());
            if (key != null) {
              failedKeys.put(key, result[i]);
            }
            continue;
          }
        }
        inBatch.add(i);
      } catch (RuntimeException e) { // no batch could be made: the sender link is down or the entity missing
        result[i] = PublishRefusals.failure(entity, describe(m), e);
        if (key != null) {
          failedKeys.put(key, result[i]);
        }
      }
    }
    if (batch != null && !inBatch.isEmpty()) {
      send(batch, messages, inBatch, result, failedKeys);
    }
    return result;
  }

  private void send(EntityBatch batch, List<OutgoingMessage> messages, List<Integer> inBatch, Throwable[] result,
      Map<String, Throwable> failedKeys) {
    try {
      batch.send();
      counters.sendCalls.increment();
      counters.sentMessages.add(inBatch.size());
    } catch (RuntimeException e) {
      counters.failedSends.increment();
      for (int index : inBatch) {
        OutgoingMessage m = messages.get(index);
        result[index] = PublishRefusals.failure(entity, describe(m) + " (in a batch of " + inBatch.size() + ")", e);
        if (m.partitionKey() != null) {
          failedKeys.putIfAbsent(m.partitionKey(), result[index]);
        }
      }
    }
  }

  private MessageTooLargeException tooLarge(OutgoingMessage m, int limit) {
    return new MessageTooLargeException("Service Bus: " + describe(m) + " (" + m.body().length + " bytes of body,"
        + " with its properties) does not fit the " + limit + "-byte message size limit of '" + entity + "'; it was"
        + " not sent. Keep large data out of messages (store it and send a reference), or use an entity with a"
        + " larger limit (Premium tier)");
  }

  private static String describe(OutgoingMessage m) {
    return "message " + m.messageId() + " (" + m.wireName() + ")";
  }
}
