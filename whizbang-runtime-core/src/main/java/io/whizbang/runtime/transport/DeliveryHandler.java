package io.whizbang.runtime.transport;

import java.util.List;

/**
 * Receives messages from a transport. A transport calls it from one thread per lane; messages of one partition key
 * always arrive on the same lane, in publish order, and the next batch of a lane is handed over only after this
 * call returned. Every delivery must be settled ({@link Delivery#ack()} or {@link Delivery#release}); a delivery
 * left unsettled when the call returns is released for redelivery by the transport.
 */
@FunctionalInterface
public interface DeliveryHandler {
  void handle(List<Delivery> batch);
}
