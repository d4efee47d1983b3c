package io.whizbang.benchmarks.axon;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.TreeMap;

/**
 * One side's catch-up cut into pages (Whizbang) or batches (Axon) on the one thread that applies them: every
 * database call of that thread and every handler run fall into the page open at the time, and a commit closes it.
 * A page's wall time runs from the end of the previous page's commit to the end of its own, so the pages of a round
 * add up to the round less its start-up. Told of calls and handler runs on the applying thread; read by the main thread at the end.
 */
final class PageLedger {
  /** Calls on the connection that are not statements: they open and close a transaction around the statements. */
  private static final Set<String> CONNECTION_CALLS = Set.of("commit", "rollback", "setAutoCommit", "setSavepoint",
      "releaseSavepoint", "setTransactionIsolation", "isValid", "connect");
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  /** Calls and nanoseconds by kind of call. */
  static final class Kinds {
    final TreeMap<String, long[]> byKind = new TreeMap<>();

    void add(String kind, long count, long nanos) {
      long[] t = byKind.computeIfAbsent(kind, k -> new long[2]);
      t[0] += count;
      t[1] += nanos;
    }

    void addAll(Kinds other) {
      other.byKind.forEach((kind, t) -> add(kind, t[0], t[1]));
    }

    long nanos() {
      return byKind.values().stream().mapToLong(t -> t[1]).sum();
    }
  }

  // Totals over every page but each round's first (whose wall time holds the start-up).
  final Kinds calls = new Kinds();
  long pages;
  long events;
  long wallNanos;
  long handlerNanos;
  long readWaitNanos;
  long cpuNanos;
  /** The thread's CPU time before the page's first statement ended: what reading the page cost it, at most. */
  long readCpuNanos;
  long firstPages;
  long firstPageWallNanos;
  /** Transactions that applied no event (reads, token claims, checkpoint set-up), in all pages. */
  long idleTransactionCount;

  // The page open now.
  private final Kinds open = new Kinds();
  private long openedAt;
  private long openedCpu = -1;
  private long firstStatementAt = -1;
  private long cpuAtFirstStatement = -1;
  private long callsBeforeFirstStatement;
  private long openHandlerNanos;
  private long openEvents;
  private boolean first;

  /** A new round: its first page is counted apart, since it also holds the round's start-up. */
  synchronized void begin() {
    reset(System.nanoTime(), -1);
    first = true;
  }

  synchronized void handled(long nanos) {
    openEvents++;
    openHandlerNanos += nanos;
  }

  /** A database call of the applying thread, told when it ended. */
  synchronized void call(String kind, long startNanos, long nanos) {
    boolean statement = !CONNECTION_CALLS.contains(kind);
    if (firstStatementAt < 0) {
      if (statement) {
        firstStatementAt = startNanos;
        // Read when the first statement has ended (this is told after a call): its own client work is in it.
        cpuAtFirstStatement = CPU.getCurrentThreadCpuTime();
      } else {
        callsBeforeFirstStatement += nanos;
      }
    }
    open.add(kind, 1, nanos);
    if (kind.equals("commit")) {
      close(startNanos + nanos);
    }
  }

  private void close(long end) {
    if (openEvents == 0) {
      // A transaction that applied nothing (Axon reads each batch's events in one of its own) belongs to the page
      // it prepares: the page stays open.
      idleTransactionCount++;
      return;
    }
    long cpuNow = CPU.getCurrentThreadCpuTime();
    if (first) {
      firstPages++;
      firstPageWallNanos += end - openedAt;
      first = false;
    } else {
      pages++;
      events += openEvents;
      wallNanos += end - openedAt;
      handlerNanos += openHandlerNanos;
      calls.addAll(open);
      // Before the page's first statement the thread reads the page (Whizbang: the feed's lines) or waits for it.
      readWaitNanos += firstStatementAt < 0 ? 0 : firstStatementAt - openedAt - callsBeforeFirstStatement;
      if (openedCpu >= 0) {
        cpuNanos += cpuNow - openedCpu;
        readCpuNanos += cpuAtFirstStatement < 0 ? 0 : cpuAtFirstStatement - openedCpu;
      }
    }
    reset(end, cpuNow);
  }

  private void reset(long at, long cpu) {
    open.byKind.clear();
    openedAt = at;
    openedCpu = cpu;
    firstStatementAt = -1;
    cpuAtFirstStatement = -1;
    callsBeforeFirstStatement = 0;
    openHandlerNanos = 0;
    openEvents = 0;
  }
}
