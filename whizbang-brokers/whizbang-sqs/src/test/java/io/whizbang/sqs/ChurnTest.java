package io.whizbang.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Churn on ElasticMQ (SQS FIFO) with PostgreSQL inboxes: three instances of one service compete for its command
 * queue while {@value #MESSAGES} messages over {@value #KEYS} keys flow in, some handler runs fail transiently, and
 * the instances are in turn stopped (closed), killed (closed as a dying process would: nothing deleted, nothing made
 * visible again) and restarted. At the end every message has been applied exactly once, in order per key, and
 * nothing was dead-lettered.
 */
class ChurnTest {

  private static final Logger LOG = LoggerFactory.getLogger(ChurnTest.class);
  static final int MESSAGES = 20_000;
  static final int KEYS = 200;
  private static final int INSTANCES = 3;
  private static final String WIRE_NAME = "orders.Ship";
  private static final Destination COMMANDS = Destination.commands("orders");
  private static final Source SOURCE = new Source(COMMANDS, Set.of(WIRE_NAME));

  @Test
  void threeInstancesStoppedKilledAndRestartedApplyEveryMessageOnceInOrderPerKey() throws Exception {
    Servers.ELASTICMQ.require();
    String prefix = Servers.uniquePrefix();
    List<SqsTransport> transports = new ArrayList<>();
    List<InboxConsumer> inboxes = new ArrayList<>();
    String table = "churn_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (StorageFixture db = StorageFixture.create(TestDb.POSTGRES)) {
      db.execute("create table " + table + " (id bigint generated always as identity primary key,"
          + " k varchar(20) not null, seq int not null)");
      FlakyRecorder recorder = new FlakyRecorder(table);
      SqsTransport publisher = connect(prefix, transports);
      List<Subscription> running = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        SqsTransport transport = connect(prefix, transports);
        InboxConsumer inbox = InboxConsumer.builder(db.storage(), "shipping").dispatchers(List.of(recorder))
            .config(InboxConfig.builder().retryPolicy(InboxConfig.RetryPolicy.builder().maxAttempts(4)
                .initialDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(200)).jitter(0).build()).build())
            .build();
        inboxes.add(inbox);
        running.add(inbox.subscribe(transport, List.of(SOURCE), 4));
      }

      long started = System.nanoTime();
      CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publishAll(publisher));
      int stops = 0;
      int kills = 0;
      int leftInHand = 0;
      for (int round = 0; !publishing.isDone() || round < 6; round++) {
        Thread.sleep(1_500);
        int i = round % INSTANCES;
        if (round % 2 == 0) {
          running.get(i).close();
          stops++;
        } else {
          leftInHand += ((SqsSubscription) running.get(i)).kill();
          kills++;
        }
        Thread.sleep(300);
        running.set(i, inboxes.get(i).subscribe(transports.get(i + 1), List.of(SOURCE), 4));
      }
      publishing.get(1, TimeUnit.SECONDS);

      assertThat(Collected.await(Duration.ofSeconds(480), () -> count(db.dataSource(), table) >= MESSAGES))
          .as("applied %d of %d", count(db.dataSource(), table), MESSAGES).isTrue();
      Thread.sleep(4_000); // longer than a visibility timeout: whatever comes back now must be recognised
      LOG.info("churn: {} messages over {} keys in {} s, {} stops, {} kills leaving {} messages in hand, {} transient"
          + " failures", MESSAGES, KEYS, (System.nanoTime() - started) / 1_000_000_000, stops, kills, leftInHand,
          recorder.failures.get());
      Map<String, List<Integer>> byKey = appliedByKey(db.dataSource(), table);
      assertThat(byKey).hasSize(KEYS);
      List<Integer> expected = java.util.stream.IntStream.range(0, MESSAGES / KEYS).boxed().toList();
      List<String> wrong = byKey.entrySet().stream().filter(e -> !e.getValue().equals(expected))
          .map(e -> e.getKey() + ": " + e.getValue()).toList();
      assertThat(wrong).as("keys not applied exactly once in order").isEmpty();
      assertThat(recorder.failures.get()).as("transient failures").isPositive();
      assertThat(kills).isPositive();
      assertThat(inboxes.stream().mapToLong(inbox -> inbox.deadLetters().count()).sum()).as("dead letters")
          .isZero();
      running.forEach(Subscription::close);
      inboxes.forEach(InboxConsumer::close);
      db.execute("drop table " + table);
    } finally {
      inboxes.forEach(InboxConsumer::close);
      transports.forEach(t -> Cleanup.delete(Servers.ELASTICMQ, t));
    }
  }

  private static SqsTransport connect(String prefix, List<SqsTransport> transports) {
    SqsTransport t = SqsTransport.connect(Servers.ELASTICMQ.config().namePrefix(prefix)
        .visibilityTimeout(Duration.ofSeconds(3)).build());
    transports.add(t);
    return t;
  }

  /** As a relay would: batches of 100, each awaited, seq rising per key. */
  private static void publishAll(SqsTransport publisher) {
    for (int from = 0; from < MESSAGES; from += 100) {
      List<OutgoingMessage> batch = new ArrayList<>(100);
      for (int i = from; i < from + 100; i++) {
        batch.add(Messages.message(COMMANDS, WIRE_NAME, "k" + (i % KEYS),
            "{\"k\":\"k" + (i % KEYS) + "\",\"seq\":" + (i / KEYS) + "}"));
      }
      CompletableFuture.allOf(publisher.publish(batch).toArray(CompletableFuture[]::new)).join();
    }
  }

  /**
   * Writes one effect row per message in the inbox transaction; one message in 15 fails on its first run, one in
   * 40 on its first three (a flaky downstream): the latter uses three of its four attempts, and the messages of its
   * key behind it are received again and again meanwhile without running, which must not cost them attempts.
   */
  private static final class FlakyRecorder implements MessageDispatcher {
    private final String table;
    private final Map<UUID, Integer> runs = new ConcurrentHashMap<>();
    final AtomicInteger failures = new AtomicInteger();

    FlakyRecorder(String table) {
      this.table = table;
    }

    @Override
    public String handlerName() {
      return "ShippingHandlers";
    }

    @Override
    public Set<String> wireNames() {
      return Set.of(WIRE_NAME);
    }

    @Override
    public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
      String json = new String(envelope.payload(), StandardCharsets.UTF_8);
      String key = json.substring(json.indexOf("\"k\":\"") + 5, json.indexOf("\","));
      int seq = Integer.parseInt(json.substring(json.indexOf("\"seq\":") + 6, json.indexOf('}')));
      int run = runs.merge(envelope.messageId(), 1, Integer::sum);
      int hash = Math.floorMod(envelope.messageId().hashCode(), 120);
      if ((hash % 15 == 0 && run == 1) || (hash % 40 == 1 && run <= 3)) {
        failures.incrementAndGet();
        throw new IllegalStateException("transient failure of " + key + "/" + seq + ", run " + run);
      }
      try (PreparedStatement insert =
          context.connection().prepareStatement("insert into " + table + " (k, seq) values (?, ?)")) {
        insert.setString(1, key);
        insert.setInt(2, seq);
        insert.executeUpdate();
      }
    }
  }

  private static Map<String, List<Integer>> appliedByKey(DataSource ds, String table) throws SQLException {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("select k, seq from " + table + " order by id")) {
      while (rows.next()) {
        byKey.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getInt(2));
      }
    }
    return byKey;
  }

  private static long count(DataSource ds, String table) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
