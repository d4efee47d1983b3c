package io.whizbang.kafka;

import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.testfixtures.ForwardingDelivery;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * Sits in front of a service instance's inbox consumer, noting the id of every message delivered to it. After
 * {@link #crash()} the next batches are still handled (their inbox transaction commits) but their acknowledgements
 * never reach the broker and the worker never comes back: the instance died right after its database commit, before
 * its consumer could commit the offsets.
 */
final class CrashableHandler implements DeliveryHandler {

  private final DeliveryHandler inbox;
  private final Set<UUID> delivered = ConcurrentHashMap.newKeySet();
  private final Set<UUID> lostAcknowledgements = ConcurrentHashMap.newKeySet();
  private final CountDownLatch dead = new CountDownLatch(1);
  private volatile boolean crashed;

  CrashableHandler(DeliveryHandler inbox) {
    this.inbox = inbox;
  }

  void crash() {
    crashed = true;
  }

  /** Ids of the messages delivered to this instance, duplicates included once. */
  Set<UUID> delivered() {
    return Set.copyOf(delivered);
  }

  /** Ids of the messages handled after the crash, whose acknowledgement the broker never got. */
  Set<UUID> lostAcknowledgements() {
    return Set.copyOf(lostAcknowledgements);
  }

  @Override
  public void handle(List<Delivery> batch) {
    for (Delivery d : batch) {
      delivered.add(EnvelopeCodec.decode(d.body()).messageId());
    }
    if (!crashed) {
      inbox.handle(batch);
      return;
    }
    inbox.handle(batch.stream().<Delivery>map(LostSettlement::new).toList());
    try {
      dead.await(); // a dead process does nothing more; closing the subscription interrupts this worker
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A delivery whose settlement is lost with the process. */
  private final class LostSettlement extends ForwardingDelivery {
    LostSettlement(Delivery delivery) {
      super(delivery);
    }

    @Override
    public void ack() {
      lostAcknowledgements.add(EnvelopeCodec.decode(delivery.body()).messageId());
    }

    @Override
    public void release(Duration delay) {
      // lost as well: the broker redelivers what was never acknowledged
    }
  }
}
