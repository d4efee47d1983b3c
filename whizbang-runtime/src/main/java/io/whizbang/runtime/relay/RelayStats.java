package io.whizbang.runtime.relay;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one relay did since it was built, and what it holds now: a snapshot in the style of
 * {@link io.whizbang.runtime.transport.TransportStats}. Counters only grow; compare two snapshots for a rate.
 *
 * @param relay the relay's {@link Relay#id()}
 * @param running false before {@code start()}, after {@code close()} and once its thread stopped on an error
 * @param leasedPartitions the outbox partitions this relay leases now
 * @param published rows the broker confirmed and this relay marked published
 * @param retried publication failures scheduled for a retry
 * @param parked rows this relay moved to the outbox's dead-letter table
 * @param cleaned published rows this relay deleted
 * @param lastPublishedAt when this relay last marked a broker-confirmed row published, or {@code null} if never
 * @param failingRounds rounds failed in a row just now (the database unreachable, an error in the relay); 0 once a
 *     round succeeds
 */
public record RelayStats(String relay, boolean running, List<Integer> leasedPartitions, long published, long retried,
    long parked, long cleaned, Instant lastPublishedAt, int failingRounds) {

  public RelayStats {
    Objects.requireNonNull(relay, "relay");
    leasedPartitions = List.copyOf(leasedPartitions);
  }
}
