package io.whizbang.runtime.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.inbox.Inbox;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

/**
 * Inbox consumers keep running while their PostgreSQL stops answering: reached through a {@link TcpProxy}, the
 * database is first cut (connections dropped, new ones refused), then stalled (no byte moves, only the driver's
 * timeouts notice), each time for longer than the inbox's whole retry budget, while messages keep arriving. After
 * the cut the database comes back at once; after the stall it answers slowly for a while first. The scenario checks
 * what a user relies on:
 *
 * <ul>
 *   <li>nothing is acknowledged that was not committed: every {@link Delivery#ack()} is checked, at the moment it
 *       is called, against the effects table over a direct connection (not through the proxy);
 *   <li>every message is applied exactly once, and per key in publish order;
 *   <li>no message was dead-lettered: an outage is not the message's fault and spends no attempt.
 * </ul>
 *
 * The transport is the caller's (in-memory in the runtime, a real broker in a broker module).
 */
public final class DatabaseOutageScenario {
  public static final String WIRE_NAME = "outage.Step";
  /**
   * Longer than the inbox's whole retry budget: the default policy's longest time from a message's first attempt to
   * its last (5 attempts, 200 ms doubling, jitter included: 3.6 s). The consumers keep the default policy.
   */
  static final Duration OUTAGE = InboxConfig.RetryPolicy.DEFAULT.retryHorizon().plusMillis(500);

  private final PGSimpleDataSource direct;
  private final String schema;
  private final AppliedEvents applied;
  private final int keys;
  private final int perKey;
  private final AtomicLong acks = new AtomicLong();
  private final AtomicLong releases = new AtomicLong();
  private final AtomicLong redeliveries = new AtomicLong();
  private final Queue<String> ackedUncommitted = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Connection> checker = new ThreadLocal<>();
  private final List<Connection> checkers = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Figures of a run, for the caller's own assertions and its report. */
  public record Outcome(long messages, long acks, long releases, long redeliveries, long deadLetters) {}

  /**
   * @param direct the PostgreSQL the consumers use, reached directly (the scenario puts a proxy in front of it)
   * @param keys partition keys (at least 3)
   * @param perKey messages per key
   */
  public DatabaseOutageScenario(PGSimpleDataSource direct, int keys, int perKey) {
    this.direct = direct;
    this.keys = keys;
    this.perKey = perKey;
    this.schema = "wboutage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    SqlStorage.builder(direct).schema(schema).build().migrate();
    this.applied = AppliedEvents.create(direct, schema + ".effects");
  }

  /** The applied count once it stopped moving for 200 ms. */
  private long settledCount() throws InterruptedException {
    long before = applied.count();
    while (true) {
      Thread.sleep(200);
      long now = applied.count();
      if (now == before) {
        return now;
      }
      before = now;
    }
  }

  /** Runs the outages with {@code transport}, subscribing {@code consumers} inbox consumers to {@code destination}. */
  public Outcome run(Transport transport, Destination destination, int consumers) throws Exception {
    try (TcpProxy proxy = new TcpProxy(direct.getServerNames()[0], direct.getPortNumbers()[0])) {
      SqlStorage storage = SqlStorage.builder(throughProxy(proxy)).schema(schema).build();
      List<InboxConsumer> inboxes = new ArrayList<>();
      List<Subscription> subscriptions = new ArrayList<>();
      try {
        for (int i = 0; i < consumers; i++) {
          InboxConsumer inbox = InboxConsumer.builder(storage, "outage")
              .dispatchers(List.of(applied.recorder("Steps", Set.of(WIRE_NAME), DatabaseOutageScenario::read)))
              .build();
          inboxes.add(inbox);
          subscriptions.add(transport.subscribe(new SubscriptionRequest("outage", List.of(
              new SubscriptionRequest.Source(destination, Set.of(WIRE_NAME))), 4),
              batch -> inbox.handle(checked(batch))));
        }
        int total = keys * perKey;
        int third = perKey / 3;
        publish(transport, destination, 0, third);
        awaitApplied(total / 6, Duration.ofSeconds(60));

        proxy.cut();                                      // the database goes away mid-stream
        publish(transport, destination, third, 2 * third);
        // A COMMIT the proxy forwarded just before the cut still lands on the server: count once that settled.
        long appliedAtCut = settledCount();
        Thread.sleep(OUTAGE.toMillis());
        assertThat(applied.count()).as("nothing applied while the database is cut").isEqualTo(appliedAtCut);
        proxy.restore();
        awaitApplied(total / 2, Duration.ofSeconds(60));

        proxy.stall();                                    // the database stops answering, connections stay open
        publish(transport, destination, 2 * third, perKey);
        Thread.sleep(OUTAGE.toMillis());
        proxy.restore();
        proxy.slow(Duration.ofMillis(5));                // back, but every exchange with it is slow
        awaitApplied(total * 2 / 3 + keys, Duration.ofSeconds(60));
        proxy.restore();

        awaitApplied(total, Duration.ofSeconds(120));
        Thread.sleep(500);                                // late redeliveries must find their inbox rows
        long deadLetters = 0;
        for (InboxConsumer inbox : inboxes) {
          deadLetters += inbox.deadLetters().count();
        }
        assertExactlyOnceInOrder();
        assertThat(ackedUncommitted).as("acknowledged before their effects were committed").isEmpty();
        assertThat(deadLetters).as("dead letters: an outage is not the messages' fault").isZero();
        assertThat(releases.get()).as("deliveries released during the outages").isPositive();
        Outcome outcome = new Outcome(total, acks.get(), releases.get(), redeliveries.get(), deadLetters);
        LoggerFactory.getLogger(DatabaseOutageScenario.class).info("Through the database outages: {}", outcome);
        return outcome;
      } finally {
        subscriptions.forEach(Subscription::close);
        inboxes.forEach(InboxConsumer::close);
      }
    }
  }

  /** Drops the scenario's schema and the checking connections. */
  public void drop() {
    for (Connection c : checkers) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing anyway
      }
    }
    try (Connection c = direct.getConnection(); java.sql.Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + schema + " cascade");
    } catch (SQLException e) {
      throw new IllegalStateException("dropping " + schema + " failed", e);
    }
  }

  private PGSimpleDataSource throughProxy(TcpProxy proxy) {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setServerNames(new String[] {"127.0.0.1"});
    pg.setPortNumbers(new int[] {proxy.port()});
    pg.setDatabaseName(direct.getDatabaseName());
    pg.setUser(direct.getUser());
    pg.setPassword(direct.getPassword());
    // What a production pool sets: a stalled database is given up on rather than waited for forever.
    pg.setConnectTimeout(2);
    pg.setLoginTimeout(2);
    pg.setSocketTimeout(2);
    return pg;
  }

  private void publish(Transport transport, Destination destination, int fromSeq, int toSeq) throws Exception {
    List<OutgoingMessage> batch = new ArrayList<>();
    for (int seq = fromSeq; seq < toSeq; seq++) {
      for (int k = 0; k < keys; k++) {
        batch.add(step(destination, "key-" + k, seq));
      }
    }
    for (CompletableFuture<Void> sent : transport.publish(batch)) {
      sent.get(60, TimeUnit.SECONDS);
    }
  }

  private static OutgoingMessage step(Destination destination, String key, int seq) {
    byte[] payload = ("{\"k\":\"" + key + "\",\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
    Envelope e = new Envelope(MessageIds.next(), WIRE_NAME, destination.domain(), key, UUID.randomUUID(), null,
        Instant.now(), Envelope.NO_POSITION, Map.of(), payload);
    return new OutgoingMessage(e.messageId(), WIRE_NAME, destination, key, 0, BrokerHeaders.of(e),
        EnvelopeCodec.encode(e));
  }

  static AppliedEvents.Applied read(Envelope envelope) {
    String json = new String(envelope.payload(), StandardCharsets.UTF_8);
    String key = json.substring(json.indexOf("\"k\":\"") + 5, json.indexOf("\","));
    int seq = Integer.parseInt(json.substring(json.indexOf("\"seq\":") + 6, json.indexOf('}')));
    return new AppliedEvents.Applied(key, seq);
  }

  private List<Delivery> checked(List<Delivery> batch) {
    List<Delivery> out = new ArrayList<>(batch.size());
    for (Delivery d : batch) {
      if (d.deliveryCount() > 1) {
        redeliveries.incrementAndGet();
      }
      out.add(new CheckedDelivery(d));
    }
    return out;
  }

  /** Passes settlements on, checking at each ack that the message's effect is committed. */
  private final class CheckedDelivery implements Delivery {
    private final Delivery inner;

    CheckedDelivery(Delivery inner) {
      this.inner = inner;
    }

    @Override
    public byte[] body() {
      return inner.body();
    }

    @Override
    public String partitionKey() {
      return inner.partitionKey();
    }

    @Override
    public int deliveryCount() {
      return inner.deliveryCount();
    }

    @Override
    public Instant publishedAt() {
      return inner.publishedAt();
    }

    @Override
    public void ack() {
      AppliedEvents.Applied step = read(EnvelopeCodec.decode(inner.body()));
      if (!committed(step)) {
        ackedUncommitted.add(step.key() + ":" + step.seq());
      }
      acks.incrementAndGet();
      inner.ack();
    }

    @Override
    public void release(Duration delay) {
      releases.incrementAndGet();
      inner.release(delay);
    }
  }

  private boolean committed(AppliedEvents.Applied step) {
    try {
      Connection c = checker.get();
      if (c == null) {
        c = direct.getConnection();
        checker.set(c);
        checkers.add(c);
      }
      try (PreparedStatement s = c.prepareStatement("select count(*) from " + applied.table()
          + " where k = ? and seq = ?")) {
        s.setString(1, step.key());
        s.setInt(2, step.seq());
        try (ResultSet r = s.executeQuery()) {
          r.next();
          return r.getLong(1) > 0;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("checking " + step + " failed", e);
    }
  }

  private void awaitApplied(long count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    BooleanSupplier done = () -> applied.count() >= count;
    while (!done.getAsBoolean()) {
      assertThat(ackedUncommitted).as("acknowledged before their effects were committed").isEmpty();
      assertThat(System.nanoTime()).as("timed out waiting for " + count + " applied (" + applied.count()
          + " so far; acks " + acks + ", releases " + releases + ")").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private void assertExactlyOnceInOrder() {
    Map<String, List<Integer>> byKey = applied.seqsByKey();
    assertThat(byKey).hasSize(keys);
    List<Integer> expected = IntStream.range(0, perKey).boxed().toList();
    byKey.forEach((key, seqs) -> assertThat(seqs).as("applied seqs of %s, in order, each once", key)
        .isEqualTo(expected));
  }
}
