package io.whizbang.runtime.relay;

import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.TableNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The outbox partitions this relay owns. A partition is owned by at most one relay at a time through a lease row
 * (owner, expiry on the database clock); owners renew well before expiry, and a partition whose lease expired (its
 * relay died or hung) can be taken by any relay. Live relays announce themselves in a membership table with the same
 * expiry; each aims at an equal share of the partitions: it takes free ones while it holds fewer than
 * {@code ceil(partitions / live relays)} and gives back the surplus between two batches.
 */
final class PartitionLeases {
  private final String relayId;
  private final long leaseMillis;
  private final int partitions;
  private final String renew;
  private final String held;
  private final String heartbeat;
  private final String join;
  private final String others;
  private final String leave;
  private final String free;
  private final String acquire;
  private final String release;

  private final TreeSet<Integer> owned = new TreeSet<>();
  private volatile List<Integer> snapshot = List.of();
  private long validUntilNanos;

  PartitionLeases(SqlDialect dialect, TableNames t, String relayId, long leaseMillis, int partitions) {
    this.relayId = relayId;
    this.leaseMillis = leaseMillis;
    this.partitions = partitions;
    String now = dialect.nowMillis();
    String table = t.outboxPartitions();
    this.renew = "update " + table + " set lease_until_ms = " + now + " + ? where owner = ? and lease_until_ms > " + now;
    this.held = "select partition_no from " + table + " where owner = ? and lease_until_ms > " + now;
    String relays = t.outboxRelays();
    this.heartbeat = "update " + relays + " set alive_until_ms = " + now + " + ? where relay_id = ?";
    this.join = "insert into " + relays + " (relay_id, alive_until_ms) values (?, " + now + " + ?)";
    this.others = "select count(*) from " + relays + " where relay_id <> ? and alive_until_ms > " + now;
    this.leave = "delete from " + relays + " where relay_id = ? or alive_until_ms < " + now + " - 3600000";
    this.free = "select partition_no from " + table + " where owner is null or lease_until_ms <= " + now
        + " order by partition_no";
    this.acquire = "update " + table + " set owner = ?, lease_until_ms = " + now + " + ?, epoch = epoch + 1"
        + " where partition_no = ? and (owner is null or lease_until_ms <= " + now + ")";
    this.release = "update " + table + " set owner = null, lease_until_ms = 0 where partition_no = ? and owner = ?";
  }

  /** Renews, then rebalances: takes free partitions up to a fair share and gives back any surplus. */
  void maintain(Connection c) throws SQLException {
    long start = System.nanoTime();
    announce(c);
    renewOwned(c);
    int live = 1 + count(c, others, relayId);
    int target = (partitions + live - 1) / live;
    if (owned.size() < target) {
      try (PreparedStatement s = c.prepareStatement(free); ResultSet rows = s.executeQuery()) {
        List<Integer> candidates = new ArrayList<>();
        while (rows.next()) {
          candidates.add(rows.getInt(1));
        }
        try (PreparedStatement take = c.prepareStatement(acquire)) {
          for (int p : candidates) {
            if (owned.size() >= target) {
              break;
            }
            take.setString(1, relayId);
            take.setLong(2, leaseMillis);
            take.setInt(3, p);
            if (take.executeUpdate() == 1) {
              owned.add(p);
            }
          }
        }
      }
    }
    while (owned.size() > target) {
      int surplus = owned.pollLast();
      try (PreparedStatement s = c.prepareStatement(release)) {
        s.setInt(1, surplus);
        s.setString(2, relayId);
        s.executeUpdate();
      }
    }
    validUntilNanos = start + leaseMillis * 1_000_000L;
    snapshot = List.copyOf(owned);
  }

  /** Keeps this relay counted among the live ones for one more lease period. */
  private void announce(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(heartbeat)) {
      s.setLong(1, leaseMillis);
      s.setString(2, relayId);
      if (s.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement s = c.prepareStatement(join)) {
      s.setString(1, relayId);
      s.setLong(2, leaseMillis);
      s.executeUpdate();
    }
  }

  /** Extends the leases still owned; forgets those that expired (another relay may have them now). */
  void renewOwned(Connection c) throws SQLException {
    long start = System.nanoTime();
    try (PreparedStatement s = c.prepareStatement(renew)) {
      s.setLong(1, leaseMillis);
      s.setString(2, relayId);
      s.executeUpdate();
    }
    owned.clear();
    try (PreparedStatement s = c.prepareStatement(held)) {
      s.setString(1, relayId);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          owned.add(rows.getInt(1));
        }
      }
    }
    // Counted from before the renewal was sent, so the local view never outlives the lease in the database.
    validUntilNanos = start + leaseMillis * 1_000_000L;
    snapshot = List.copyOf(owned);
  }

  /** Gives every partition back (graceful stop), so other relays take over at once. */
  void releaseAll(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(release)) {
      for (int p : owned) {
        s.setInt(1, p);
        s.setString(2, relayId);
        s.addBatch();
      }
      s.executeBatch();
    }
    owned.clear();
    snapshot = List.of();
    try (PreparedStatement s = c.prepareStatement(leave)) {
      s.setString(1, relayId);
      s.executeUpdate();
    }
  }

  private static int count(Connection c, String sql, String relayId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, relayId);
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** The partitions owned after the last lease operation; safe to call from any thread. */
  List<Integer> owned() {
    return snapshot;
  }

  /** Nanoseconds of lease left on the local monotonic clock (negative once expired). */
  long remainingNanos() {
    return validUntilNanos - System.nanoTime();
  }

  void forget() {
    owned.clear();
    snapshot = List.of();
    validUntilNanos = 0;
  }
}
