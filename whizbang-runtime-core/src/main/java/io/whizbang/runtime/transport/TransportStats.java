package io.whizbang.runtime.transport;

import java.util.Map;
import java.util.Objects;

/**
 * What a transport did since it started, and whether it is open: the one snapshot every transport returns from
 * {@link Transport#stats()}, whatever the broker. Counters only grow; compare two snapshots for a rate.
 *
 * @param transport the transport's {@link Transport#name()}
 * @param open false once the transport was closed
 * @param subscriptions subscriptions open now
 * @param published messages the broker confirmed
 * @param publishFailed messages whose publish future failed (refused, unavailable or held behind a failure)
 * @param delivered deliveries handed to handlers, redeliveries included
 * @param acknowledged deliveries acknowledged
 * @param released deliveries released, by a handler or by the transport for a handler that left them unsettled
 * @param details broker-specific counters by name (for example SQS's {@code sendCalls}); see each transport
 */
public record TransportStats(String transport, boolean open, int subscriptions, long published, long publishFailed,
    long delivered, long acknowledged, long released, Map<String, Long> details) {

  public TransportStats {
    Objects.requireNonNull(transport, "transport");
    details = Map.copyOf(details);
  }

  /** A broker-specific counter, or 0 when this transport does not keep it. */
  public long detail(String name) {
    return details.getOrDefault(name, 0L);
  }
}
