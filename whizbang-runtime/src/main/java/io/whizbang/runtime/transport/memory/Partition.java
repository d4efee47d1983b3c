package io.whizbang.runtime.transport.memory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The queue of one partition of one consumer group, guarded by the group's lock. Entries stay in offset order, a
 * released entry goes back to its own place, and an entry is handed out only when no earlier entry of its key is in
 * flight or waiting out a delay: that is what keeps one key in order across releases, crashes and rebalances while
 * other keys flow.
 */
final class Partition {

  /** How far a lane looks past blocked entries for deliverable ones, to bound the cost of one take. */
  private static final int SCAN_LIMIT = 4_096;
  private static final long RESCAN_NANOS = 10_000_000;

  private final TreeMap<Long, Entry> queued = new TreeMap<>();
  private final Map<String, Integer> inFlightKeys = new HashMap<>();
  private long nextOffset;

  long nextOffset() {
    return nextOffset++;
  }

  void add(Entry entry) {
    queued.put(entry.offset, entry);
  }

  int queuedCount() {
    return queued.size();
  }

  /**
   * Moves up to {@code max} deliverable entries into {@code out} and marks their keys in flight. Several entries of
   * one key may go into the same batch, in offset order (one lane handles them in that order); a key already in
   * flight from an earlier take stays blocked until it settles.
   *
   * @return the earliest {@code notBefore} of an entry held back by its delay, or {@link Long#MAX_VALUE}
   */
  long take(int max, long now, List<Entry> out) {
    long nextDue = Long.MAX_VALUE;
    Set<String> blocked = null;
    Set<String> takenNow = null;
    int scanned = 0;
    for (Iterator<Entry> it = queued.values().iterator(); it.hasNext() && out.size() < max; ) {
      if (++scanned > SCAN_LIMIT) {
        // Look again soon: deliverable entries may hide beyond the window.
        nextDue = Math.min(nextDue, now + RESCAN_NANOS);
        break;
      }
      Entry e = it.next();
      if (e.key != null && ((inFlightKeys.containsKey(e.key) && (takenNow == null || !takenNow.contains(e.key)))
          || (blocked != null && blocked.contains(e.key)))) {
        continue;
      }
      if (e.notBefore - now > 0) {
        nextDue = Math.min(nextDue, e.notBefore);
        if (e.key != null) {
          if (blocked == null) {
            blocked = new HashSet<>();
          }
          blocked.add(e.key);
        }
        continue;
      }
      it.remove();
      e.deliveryCount++;
      if (e.key != null) {
        inFlightKeys.merge(e.key, 1, Integer::sum);
        if (takenNow == null) {
          takenNow = new HashSet<>();
        }
        takenNow.add(e.key);
      }
      out.add(e);
    }
    return nextDue;
  }

  /** The entry left flight: acknowledged ({@code requeue} false) or back to its place in the queue. */
  void settle(Entry entry, boolean requeue) {
    if (entry.key != null) {
      inFlightKeys.computeIfPresent(entry.key, (k, n) -> n == 1 ? null : n - 1);
    }
    if (requeue) {
      queued.put(entry.offset, entry);
    }
  }
}
