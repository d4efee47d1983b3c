package io.whizbang.benchmarks.axon;

import io.whizbang.benchmarks.harness.Report;
import java.util.Locale;

/** Prints a {@link PageLedger}: a page's wall time taken apart, in milliseconds per page. */
final class PageReport {
  private PageReport() {}

  static void print(String title, PageLedger p) {
    synchronized (p) { // the ledger was filled under its lock on the applying threads
      printLocked(title, p);
    }
  }

  private static void printLocked(String title, PageLedger p) {
    double pages = Math.max(1, p.pages);
    Report.info(String.format(Locale.ROOT, "%s: %d pages of %.1f events (each round's first page apart: %d, %.1f ms"
        + " mean, with the start-up); %d transactions without events in them", title, p.pages, p.events / pages,
        p.firstPages, p.firstPageWallNanos / 1e6 / Math.max(1, p.firstPages), p.idleTransactionCount));
    long db = p.calls.nanos();
    long rest = p.wallNanos - db - p.handlerNanos - p.readWaitNanos;
    line("page wall time", p.wallNanos / pages);
    printCalls("  database calls", p.calls, pages);
    line("database, all calls", db / pages);
    line("handler (the Tally work)", p.handlerNanos / pages);
    line("before the first statement, outside JDBC (reading the page)", p.readWaitNanos / pages);
    line("rest: in the transaction outside JDBC and the handler", rest / pages);
    line("the thread's CPU time", p.cpuNanos / pages);
    line("  of which before the first statement ended (reading the page)", p.readCpuNanos / pages);
    Report.info(String.format(Locale.ROOT, "  events/s within these pages: %,.0f", p.events / (p.wallNanos / 1e9)));
  }

  /** One line per kind: calls per {@code units} and mean milliseconds per call. */
  static void printCalls(String title, PageLedger.Kinds calls, double units) {
    Report.info(title + ": calls per page × mean ms");
    calls.byKind.forEach((kind, t) -> Report.info(String.format(Locale.ROOT, "    %-56s %7.2f × %7.3f ms = %7.3f ms",
        kind, t[0] / units, t[1] / 1e6 / Math.max(1, t[0]), t[1] / 1e6 / units)));
  }

  private static void line(String what, double nanos) {
    Report.info(String.format(Locale.ROOT, "  %-62s %9.3f ms", what, nanos / 1e6));
  }
}
