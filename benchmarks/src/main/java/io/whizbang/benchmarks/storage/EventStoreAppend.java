package io.whizbang.benchmarks.storage;

import io.whizbang.benchmarks.harness.Alternating;
import io.whizbang.benchmarks.harness.Alternating.Done;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.benchmarks.harness.SampleMessages;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.sql.SqlHeaders;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.store.EventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code EventStore.append} of 100 events to a new stream against one plain multi-row {@code INSERT} of the same 100
 * rows into the same table (the transaction id as {@code tx_order}, as the store writes it), one transaction each,
 * one client, PostgreSQL, in alternating slices.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.storage.EventStoreAppend --rounds=4 --slice=2</pre>
 */
public final class EventStoreAppend {
  private static final String DOMAIN = "benchorders";
  private static final int EVENTS = 100;

  private EventStoreAppend() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    run(Report.intArg(args, "rounds", 4), Report.doubleArg(args, "slice", 2));
  }

  static void run(int rounds, double slice) throws Exception {
    String prefix = Postgres.uniquePrefix("append");
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(prefix).build();
      storage.migrate();
      EventStore store = new EventStore(storage);
      StringBuilder sql = new StringBuilder("insert into ").append(StorageInternals.tables(storage).events())
          .append(" (tx_order, stream_id, stream_version, message_id, wire_name, domain, partition_key,"
              + " correlation_id, causation_id, occurred_at, headers, payload) values ");
      for (int i = 0; i < EVENTS; i++) {
        sql.append(i == 0 ? "" : ", ").append("(pg_current_xact_id(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      }
      long[] stream = {0};
      double[] r;
      try (Connection c = storage.dataSource().getConnection();
          PreparedStatement plain = c.prepareStatement(sql.toString())) {
        c.setAutoCommit(false);
        r = Alternating.rates("event store append", rounds, slice,
          nanos -> eventsIn(nanos, () -> {
            String id = "store-" + stream[0]++;
            store.append(c, id, EventStore.NO_STREAM, events(id));
            c.commit();
          }),
          nanos -> eventsIn(nanos, () -> {
            String id = "plain-" + stream[0]++;
            int p = 1;
            List<Envelope> events = events(id);
            for (int v = 0; v < EVENTS; v++) {
              Envelope e = events.get(v);
              plain.setString(p++, id);
              plain.setLong(p++, v + 1);
              plain.setObject(p++, e.messageId());
              plain.setString(p++, e.wireName());
              plain.setString(p++, e.domain());
              plain.setString(p++, e.partitionKey());
              plain.setObject(p++, e.correlationId());
              plain.setObject(p++, e.causationId());
              plain.setObject(p++, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
              plain.setString(p++, SqlHeaders.encode(e.headers()));
              plain.setBytes(p++, e.payload());
            }
            plain.executeUpdate();
            c.commit();
          }));
      }
      Report.ratio("event store append of 100 vs plain multi-row INSERT", r[0], r[1], "events/s", 0.5);
    } finally {
      Postgres.dropTables(prefix);
    }
  }

  private static List<Envelope> events(String stream) {
    List<Envelope> events = new ArrayList<>(EVENTS);
    for (int v = 0; v < EVENTS; v++) {
      events.add(SampleMessages.envelope(DOMAIN, DOMAIN + ".OrderLineAdded", stream, v));
    }
    return events;
  }

  private interface Work {
    void run() throws Exception;
  }

  private static Done eventsIn(long nanos, Work appendHundred) throws Exception {
    long start = System.nanoTime();
    long events = 0;
    while (System.nanoTime() - start < nanos) {
      appendHundred.run();
      events += EVENTS;
    }
    return Done.since(start, events);
  }
}
