package io.whizbang.benchmarks.storage;

import io.whizbang.benchmarks.harness.Report;

/**
 * Every storage comparison of the outbox, relay and event store in one run (PostgreSQL):
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.storage.StorageBenchmarks --rounds=4 --slice=1.5</pre>
 */
public final class StorageBenchmarks {
  private StorageBenchmarks() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int rounds = Report.intArg(args, "rounds", 4);
    double slice = Report.doubleArg(args, "slice", 1.5);
    RelayThroughput.run(rounds, slice);
    OutboxOverhead.run(rounds, slice);
    CommitToConfirmLatency.run(Report.intArg(args, "messages", 1000));
    EventStoreAppend.run(rounds, slice);
  }
}
