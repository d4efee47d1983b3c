package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.inbox.InboxStats;
import java.util.concurrent.atomic.AtomicLong;

/** What one inbox consumer did since it was built, read as {@link InboxStats}. */
final class InboxCounters {
  final AtomicLong handled = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong retried = new AtomicLong();
  final AtomicLong deadLettered = new AtomicLong();
  final AtomicLong ignored = new AtomicLong();
  final AtomicLong expired = new AtomicLong();
  /** Expired inbox rows the cleanup deleted (not in {@link InboxStats}: read by the meters). */
  final AtomicLong cleaned = new AtomicLong();

  InboxStats stats() {
    return new InboxStats(handled.get(), duplicates.get(), retried.get(), deadLettered.get(), ignored.get(),
        expired.get());
  }
}
