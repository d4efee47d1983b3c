package io.whizbang.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Outbox (PostgreSQL) to an SNS FIFO topic on fauxqs to two inbox-guarded services, with one service's consumer
 * killed mid-run (its messages in hand come back after the visibility timeout, some already applied), the same
 * events published again (dropped by FIFO deduplication) and copies slipped past deduplication straight into a
 * queue: each service must apply every event exactly once, in order per key.
 */
class EndToEndTest {

  private static final int EVENTS = 5_000;
  private static final int KEYS = 50;
  private static final String WIRE_NAME = "orders.Placed";

  @Test
  void everyServiceAppliesEachEventExactlyOnceInOrderPerKeyThroughACrashAndDuplicates() throws Exception {
    Servers.FAUXQS.require();
    SqsTransport transport = SqsTransport.connect(Servers.FAUXQS.config().visibilityTimeout(Duration.ofSeconds(4)).build());
    List<InboxConsumer> consumers = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    String orders = "orders";
    Source source = new Source(Destination.events(orders), Set.of(WIRE_NAME));
    try (StorageFixture db = StorageFixture.create(TestDb.POSTGRES);
        Relay relay = new Relay(db.storage(), transport, RelayConfig.builder().batchSize(200).leaseDuration(Duration.ofSeconds(30))
            .confirmTimeout(Duration.ofSeconds(20)).backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build())) {
      Map<String, InboxConsumer> byService = new LinkedHashMap<>();
      Map<String, Subscription> subscriptions = new LinkedHashMap<>();
      for (String service : List.of("billing", "shipping")) {
        String table = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_" + service;
        db.execute("create table " + table + " (id bigint generated always as identity primary key,"
            + " k varchar(20) not null, seq int not null)");
        tables.add(table);
        InboxConsumer consumer = InboxConsumer.builder(db.storage(), service)
            .dispatchers(List.of(new RecordingDispatcher(table))).build();
        consumers.add(consumer);
        byService.put(service, consumer);
        subscriptions.put(service, consumer.subscribe(transport, List.of(source), 4));
      }
      relay.start();
      Outbox outbox = new Outbox(db.storage());
      List<OutgoingMessage> all = new ArrayList<>(EVENTS);
      int leftInHand = 0;

      for (int from = 0; from < EVENTS; from += 500) {
        List<OutgoingMessage> chunk = new ArrayList<>();
        for (int i = from; i < from + 500; i++) {
          chunk.add(placed(orders, "k" + (i % KEYS), i / KEYS));
        }
        all.addAll(chunk);
        db.storage().inTransaction(tx -> {
          outbox.append(tx, chunk);
          return null;
        });
        if (from == 2_000) {
          Collected.await(Duration.ofSeconds(30), () -> count(db.dataSource(), tables.get(0)) >= 1_000);
          leftInHand = ((SqsSubscription) subscriptions.get("billing")).kill();
          subscriptions.put("billing", byService.get("billing").subscribe(transport, List.of(source), 4));
        }
      }
      for (String table : tables) {
        assertThat(Collected.await(Duration.ofSeconds(120), () -> count(db.dataSource(), table) >= EVENTS))
            .as("%s applied %d of %d", table, count(db.dataSource(), table), EVENTS).isTrue();
      }
      // Once everything is through: the same events again through the transport (FIFO deduplication drops them
      // where the server implements it; the inbox recognises them otherwise).
      List<OutgoingMessage> again = all.subList(4_000, 4_100);
      CompletableFuture.allOf(transport.publish(again).toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      // Copies past deduplication (as after its five-minute window): only the inbox can recognise them.
      injectCopies(transport, "billing", all.subList(100, 200));

      Collected.await(Duration.ofSeconds(20), () -> byService.get("billing").stats().duplicates() >= 100);
      Thread.sleep(2_000);
      for (String table : tables) {
        Map<String, List<Integer>> byKey = appliedByKey(db.dataSource(), table);
        assertThat(byKey).hasSize(KEYS);
        byKey.forEach((key, seqs) -> assertThat(seqs).as("%s of %s", key, table).isSorted()
            .doesNotHaveDuplicates().hasSize(EVENTS / KEYS));
      }
      assertThat(leftInHand).as("messages the killed consumer held").isPositive();
      assertThat(byService.get("billing").stats().duplicates()).as("copies the billing inbox recognised")
          .isGreaterThanOrEqualTo(100);
      consumers.forEach(InboxConsumer::close);
      for (String table : tables) {
        db.execute("drop table " + table);
      }
    } finally {
      consumers.forEach(InboxConsumer::close);
      Cleanup.delete(Servers.FAUXQS, transport);
    }
  }

  private static void injectCopies(SqsTransport transport, String service, List<OutgoingMessage> messages) {
    try (SqsClient sqs = Cleanup.sqs(Servers.FAUXQS)) {
      String url = sqs.getQueueUrl(b -> b.queueName(transport.config().namePrefix() + "-subscriber-" + service
          + ".fifo")).queueUrl();
      for (int from = 0; from < messages.size(); from += 10) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (OutgoingMessage m : messages.subList(from, from + 10)) {
          WireMessage wire = WireMessage.of(m);
          entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
              .messageBody(wire.body()).messageAttributes(QueueTarget.attributes(wire.attributes()))
              .messageGroupId(m.partitionKey()).messageDeduplicationId(UUID.randomUUID().toString()).build());
        }
        assertThat(sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries)).failed()).isEmpty();
      }
    }
  }

  /** An event as the runtime writes it to the outbox: an encoded envelope plus its broker headers. */
  private static OutgoingMessage placed(String domain, String key, int seq) {
    byte[] payload = ("{\"k\":\"" + key + "\",\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
    Envelope envelope = new Envelope(MessageIds.next(), WIRE_NAME, domain, key, UUID.randomUUID(), null,
        Instant.now(), Envelope.NO_POSITION, Map.of(), payload);
    return new OutgoingMessage(envelope.messageId(), WIRE_NAME, Destination.events(domain), key, 0,
        BrokerHeaders.of(envelope), EnvelopeCodec.encode(envelope));
  }

  /** A handler that writes one effect row per event in the inbox transaction. */
  private record RecordingDispatcher(String table) implements MessageDispatcher {
    @Override
    public String handlerName() {
      return "RecordingHandlers";
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
