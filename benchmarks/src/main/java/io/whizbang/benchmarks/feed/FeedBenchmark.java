package io.whizbang.benchmarks.feed;

import io.whizbang.benchmarks.WhizbangModule_Benchmarks;
import io.whizbang.benchmarks.harness.Alternating;
import io.whizbang.benchmarks.harness.Alternating.Done;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.feed.EventFeed;
import io.whizbang.runtime.feed.EventFeedServer;
import io.whizbang.runtime.feed.FeedServerOptions;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.internal.feedclient.BackfillReader;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.projection.ProjectionEngine;
import io.whizbang.runtime.projection.RunningProjection;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.store.EventStore;
import io.whizbang.runtime.store.StoredEvent;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Backfill over the HTTP NDJSON feed ({@link EventFeedServer} + {@link BackfillReader}) into an in-memory
 * projection, against an in-process scan of the same events ({@code EventStore.readAll} pages of the feed's stream
 * batch) decoded and applied by the same generated dispatcher. Then the {@link ProjectionEngine} (checkpoint and
 * projection inbox in PostgreSQL, in-memory transport): its backfill rate, and the time from reaching the head to
 * having applied the live events published during the backfill, plus the latency of a live event afterwards.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.feed.FeedBenchmark --events=100000</pre>
 */
public final class FeedBenchmark {
  /** The feed's store page, which the in-process scan reads with too (the feed's default). */
  private static final int STREAM_BATCH = 1_000;

  private static final int ACCOUNTS = 1000;
  private static final int LIVE_EVENTS = 100;

  private FeedBenchmark() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int events = Report.intArg(args, "events", 100_000);
    int rounds = Report.intArg(args, "rounds", 4);
    String owner = Postgres.uniquePrefix("feedowner");
    String reader = Postgres.uniquePrefix("feedproj");
    MessageType<AmountDeposited> type = type();
    try {
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(owner).build();
      storage.migrate();
      long expectedTotal = fill(storage, type, events);
      EventFeed feed = EventFeed.builder(storage).wireNames(List.of(type.wireName())).streamBatch(STREAM_BATCH)
          .build();
      try (EventFeedServer server = EventFeedServer.start(0, feed, FeedServerOptions.defaults())) {
        int pageSize = STREAM_BATCH;
        // Each slice is one whole backfill, whatever the slice length.
        double[] r = Alternating.rates("backfill of " + events + " events", rounds, 0,
            nanos -> http(server, type, events, expectedTotal),
            nanos -> scan(storage, type, pageSize, events, expectedTotal));
        Report.ratio("backfill over HTTP NDJSON vs in-process scan + decode", r[0], r[1], "events/s", 0.8);
        SqlStorage projectionStorage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(reader).build();
        projectionStorage.migrate();
        engine(projectionStorage, server, type, events, expectedTotal);
      }
    } finally {
      Postgres.dropTables(owner);
      Postgres.dropTables(reader);
    }
  }

  @SuppressWarnings("unchecked")
  static MessageType<AmountDeposited> type() {
    return (MessageType<AmountDeposited>) new WhizbangModule_Benchmarks().messageTypes().stream()
        .filter(t -> t.javaType() == AmountDeposited.class).findFirst().orElseThrow();
  }

  private static Envelope envelope(MessageType<AmountDeposited> type, AmountDeposited deposit) {
    return new Envelope(MessageIds.next(), type.wireName(), type.domain(), deposit.account(), UUID.randomUUID(), null,
        Instant.now(), Envelope.NO_POSITION, Map.of(), Json.encode((JsonCodec<AmountDeposited>) type.codec(), deposit));
  }

  /** Appends {@code events} deposits, 100 per stream; returns the sum of all amounts. */
  static long fill(SqlStorage storage, MessageType<AmountDeposited> type, int events) throws Exception {
    EventStore store = new EventStore(storage);
    long total = 0;
    try (Connection c = storage.dataSource().getConnection()) {
      for (int stream = 0; stream * 100 < events; stream++) {
        List<Envelope> batch = new ArrayList<>(100);
        String account = "account-" + (stream % ACCOUNTS);
        for (int v = 0; v < 100 && stream * 100 + v < events; v++) {
          long amount = (stream * 100L + v) % 997;
          total += amount;
          batch.add(envelope(type, new AmountDeposited(account, stream * 100L + v, amount)));
        }
        store.append(c, "deposits-" + stream, EventStore.NO_STREAM, batch);
      }
    }
    return total;
  }

  private static Done scan(SqlStorage storage, MessageType<AmountDeposited> type, int pageSize, int events,
      long expectedTotal) throws Exception {
    EventStore store = new EventStore(storage);
    Balances balances = new Balances();
    ProjectionDispatcher dispatcher = new Balances_Dispatcher(balances);
    long start = System.nanoTime();
    try (Connection c = storage.dataSource().getConnection()) {
      EventCursor cursor = EventCursor.START;
      while (true) {
        EventStore.Page page = store.readAll(c, cursor, Set.of(type.wireName()), pageSize);
        for (StoredEvent e : page.events()) {
          dispatcher.dispatch(e.envelope(), null);
        }
        cursor = page.next();
        if (page.events().isEmpty()) {
          break;
        }
      }
    }
    Done done = Done.since(start, balances.applied);
    check("scan", balances, events, expectedTotal);
    return done;
  }

  private static Done http(EventFeedServer server, MessageType<AmountDeposited> type, int events,
      long expectedTotal) throws Exception {
    return http(server, null, type, events, expectedTotal);
  }

  /** One whole backfill from {@code server}, over HTTPS with a client trusting {@code tls} when it is not null. */
  static Done http(EventFeedServer server, javax.net.ssl.SSLContext tls, MessageType<AmountDeposited> type,
      int events, long expectedTotal) throws Exception {
    Balances balances = new Balances();
    ProjectionDispatcher dispatcher = new Balances_Dispatcher(balances);
    BackfillReader.Builder builder = BackfillReader.builder(server.uri());
    BackfillReader reader = (tls == null ? builder : builder.sslContext(tls)).build();
    long start = System.nanoTime();
    reader.readToHead(EventCursor.START, null, Set.of(type.wireName()), reader.horizon(),
        event -> dispatcher.dispatch(event.envelope(), null));
    Done done = Done.since(start, balances.applied);
    check(server.uri().getScheme() + " backfill", balances, events, expectedTotal);
    return done;
  }

  private static void check(String what, Balances balances, long events, long expectedTotal) {
    if (balances.applied != events || balances.total() != expectedTotal) {
      throw new IllegalStateException(what + " applied " + balances.applied + " events totalling " + balances.total()
          + ", expected " + events + " totalling " + expectedTotal);
    }
  }

  /** The projection engine: backfill rate, head-to-live switch, live latency. */
  private static void engine(SqlStorage storage, EventFeedServer server, MessageType<AmountDeposited> type,
      int events, long expectedTotal) throws Exception {
    Balances balances = new Balances();
    try (InMemoryTransport transport = new InMemoryTransport()) {
      ProjectionEngine engine = ProjectionEngine.builder(storage, transport)
          .registerDomain(type.domain(), ProjectionEngine.Source.feed(server.uri())).build();
      try (RunningProjection projection = engine.start(new Balances_Dispatcher(balances))) {
        while (projection.phase() == RunningProjection.Phase.STARTING) {
          Thread.sleep(1);
        }
        // Published while the backfill runs: held until the head, then applied live.
        long liveTotal = 0;
        List<OutgoingMessage> held = new ArrayList<>();
        for (int i = 0; i < LIVE_EVENTS; i++) {
          AmountDeposited d = new AmountDeposited("account-live-" + (i % 10), i, 1);
          liveTotal += d.amount();
          held.add(outgoing(envelope(type, d)));
        }
        transport.publish(held).forEach(f -> f.join());
        if (!projection.awaitLive(Duration.ofMinutes(5))) {
          throw new IllegalStateException("the projection did not reach the head in 5 minutes");
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (balances.applied < events + LIVE_EVENTS && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        check("engine", balances, events + LIVE_EVENTS, expectedTotal + liveTotal);
        double backfillRate = projection.progress().eventsPerSecond();
        double switchMillis = (balances.lastAppliedNanos - projection.headReachedNanos()) / 1e6;
        Report.rate("projection engine backfill (inbox + checkpoint in PostgreSQL)", backfillRate, "events/s");
        Report.atMost("head reached -> " + LIVE_EVENTS + " held live events applied", Math.max(0, switchMillis), 1000);
        long[] latencies = new long[50];
        for (int i = 0; i < latencies.length; i++) {
          long before = balances.applied;
          long sent = System.nanoTime();
          transport.publish(List.of(outgoing(envelope(type, new AmountDeposited("account-live", i, 1)))))
              .forEach(f -> f.join());
          while (balances.applied == before) {
            Thread.onSpinWait();
          }
          latencies[i] = balances.lastAppliedNanos - sent;
        }
        Report.info(String.format("live event publish -> applied: p50 %.2f ms, max %.2f ms",
            Report.percentileMillis(latencies, 50), Report.percentileMillis(latencies, 100)));
      }
    }
  }

  private static OutgoingMessage outgoing(Envelope e) {
    return new OutgoingMessage(e.messageId(), e.wireName(), Destination.events(e.domain()), e.partitionKey(), 0,
        BrokerHeaders.of(e), EnvelopeCodec.encode(e));
  }
}
