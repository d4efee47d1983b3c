package io.whizbang.benchmarks.storage;

import io.whizbang.benchmarks.harness.Report;

/**
 * Every storage comparison of the outbox, relay and event store in one run (PostgreSQL):
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.storage.StorageBenchmarks --seconds=5</pre>
 */
public final class StorageBenchmarks {
  private StorageBenchmarks() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int seconds = Report.intArg(args, "seconds", 5);
    RelayThroughput.run(seconds);
    OutboxOverhead.run(seconds, 2);
    CommitToConfirmLatency.run(Report.intArg(args, "messages", 1000));
    EventStoreAppend.run(seconds, 2);
  }
}
