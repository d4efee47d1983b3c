package io.whizbang.runtime.projection;

import io.whizbang.runtime.internal.feedclient.BackfillReader;
import io.whizbang.runtime.internal.feedclient.FeedCount;
import io.whizbang.runtime.internal.feedclient.FeedRejectedException;
import io.whizbang.runtime.store.EventCursor;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a projection's checkpoint over the live events it applied, as far as they cover the owner's feed without a
 * gap, and prunes the applied ids the backfill can no longer meet. Live deliveries do not carry the checkpoint
 * themselves: each records its feed cursor with its applied id, in the transaction of the projection's state, and
 * this turns those cursors into a checkpoint, at start and every {@code liveCheckpointInterval} while live.
 */
final class CheckpointMover {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointMover.class);

  private final String name;
  private final ProjectionTables tables;
  private final BackfillReader reader;
  private final ProjectionSettings settings;
  private final Collection<String> wireNames;

  /**
   * @param to the checkpoint now (moved or not)
   * @param complete true when it covers every applied event with a known cursor, so that only new live events can
   *     move it further; false when an event committed late (or not yet settled) holds it back
   */
  record Moved(EventCursor to, boolean complete) {}

  CheckpointMover(String name, ProjectionTables tables, BackfillReader reader, ProjectionSettings settings,
      Collection<String> wireNames) {
    this.name = name;
    this.tables = tables;
    this.reader = reader;
    this.settings = settings;
    this.wireNames = wireNames;
  }

  /**
   * The checkpoint moved over the live events applied since {@code stored}: to the furthest applied cursor
   * {@code c} for which the owner counts exactly as many events in {@code (stored, c]} as this projection applied
   * there, and the owner says no event can still appear in that range. An event committed late, with a lower
   * cursor than live events already applied, is counted but not applied, so the checkpoint stays before it and the
   * backfill reads it.
   */
  Moved overAppliedLiveEvents(EventCursor stored) {
    List<EventCursor> applied = tables.appliedAfter(name, stored);
    if (applied.isEmpty()) {
      return new Moved(stored, true);
    }
    Instant from = settings.backfillFrom().instant();
    int low = 0;
    int high = applied.size() - 1;
    int covered = -1;
    try {
      while (low <= high) {         // covered ranges form a prefix of the applied cursors: binary search
        int mid = (low + high) >>> 1;
        FeedCount count = reader.count(stored, applied.get(mid), from, wireNames);
        if (count.settled() && count.count() == mid + 1) {
          covered = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
    } catch (FeedRejectedException olderFeed) {
      LOG.info("Projection '{}': the feed does not count events ({}); the checkpoint stays at {}", name,
          olderFeed.getMessage(), stored.token());
      return new Moved(stored, true);
    }
    if (covered < 0) {
      return new Moved(stored, false);
    }
    EventCursor moved = applied.get(covered);
    tables.saveCheckpoint(name, moved);
    LOG.debug("Projection '{}': {} event(s) applied live cover the feed from {} to {}; checkpoint moved there", name,
        covered + 1, stored.token(), moved.token());
    return new Moved(moved, covered == applied.size() - 1);
  }

  /** Deletes applied ids older than the retention whose cursor is at or before {@code upTo}. */
  void prune(EventCursor upTo) {
    long cutoff = System.currentTimeMillis() - settings.appliedIdRetention().toMillis();
    long pruned = tables.prune(name, upTo, cutoff, 1000);
    if (pruned > 0) {
      LOG.debug("Projection '{}': pruned {} applied id(s) older than {} behind checkpoint {}", name, pruned,
          settings.appliedIdRetention(), upTo.token());
    }
  }
}
