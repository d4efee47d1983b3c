package io.whizbang.benchmarks.kafka;

import io.whizbang.benchmarks.inbox.StepRecorded;
import io.whizbang.benchmarks.inbox.Steps;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a user writes by hand for "a Kafka consumer with an inbox", the fair baseline for Whizbang's inbox consumer: a
 * plain {@link KafkaConsumer} loop per thread (one per partition, in one group) that, per polled batch, opens one JDBC
 * transaction, inserts the batch's message ids into a dedup table (a known id is skipped: {@code on conflict do
 * nothing}), writes the same effect row as the Whizbang handler for each new one, commits, then commits the offsets
 * with {@code commitSync}. Two ways to write the statements: row by row (an insert and its answer per message, as
 * the Whizbang handler writes its effect row), or batched (the ids in one JDBC batch, the effect rows in another:
 * what a user who cares about speed writes, and what a per-message handler cannot do). It decodes each record as Whizbang does (the envelope, then the payload with the generated
 * codec), so both sides pay the same decoding; what differs is the machinery around it.
 */
final class HandWrittenInboxConsumer {

  private final String bootstrap;
  private final String topic;
  private final DataSource dataSource;
  private final String dedupTable;
  private final String effectsTable;
  private final boolean batched;

  HandWrittenInboxConsumer(String bootstrap, String topic, DataSource dataSource, String tablePrefix,
      boolean batched) {
    this.batched = batched;
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.dataSource = dataSource;
    String side = batched ? "hand_batched_" : "hand_rows_";
    this.dedupTable = tablePrefix + side + "dedup";
    this.effectsTable = tablePrefix + side + "effects";
  }

  /** The tables it writes: the dedup table (message id as primary key) and an effects table like the handler's. */
  List<String> createTablesSql() {
    return List.of("create table " + dedupTable + " (message_id uuid primary key)",
        "create table " + effectsTable + " (id bigint generated always as identity primary key,"
            + " k varchar(100) not null, seq int not null, message_id uuid not null)");
  }

  /**
   * Consumes {@code messages} with {@code threads} consumers of group {@code group}; returns messages per second from
   * the first batch to the last (the group join is not counted, as on the Whizbang side).
   */
  double consume(int messages, int threads, String group) throws Exception {
    AtomicLong handled = new AtomicLong();
    AtomicLong firstAt = new AtomicLong();
    AtomicLong firstCount = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        try {
          loop(messages, group, handled, firstAt, firstCount);
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "hand-written-consumer-" + i);
      workers.add(t);
      t.start();
    }
    for (Thread t : workers) {
      t.join(300_000);
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("the hand-written consumer failed", failures.get(0));
    }
    if (handled.get() < messages) {
      throw new IllegalStateException("the hand-written consumer handled " + handled.get() + " of " + messages);
    }
    return (handled.get() - firstCount.get()) / ((System.nanoTime() - firstAt.get()) / 1e9);
  }

  private void loop(int messages, String group, AtomicLong handled, AtomicLong firstAt, AtomicLong firstCount)
      throws SQLException {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties(group));
        Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      consumer.subscribe(List.of(topic));
      @SuppressWarnings("unchecked")
      JsonCodec<StepRecorded> codec = (JsonCodec<StepRecorded>) Steps.TYPE.codec();
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (handled.get() < messages && System.nanoTime() < deadline) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
        if (records.isEmpty()) {
          continue;
        }
        List<Envelope> envelopes = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
          envelopes.add(EnvelopeCodec.decode(r.value()));
        }
        try (PreparedStatement dedup = c.prepareStatement("insert into " + dedupTable
            + " (message_id) values (?) on conflict do nothing");
            PreparedStatement effect = c.prepareStatement("insert into " + effectsTable
                + " (k, seq, message_id) values (?, ?, ?)")) {
          if (batched) {
            writeBatched(envelopes, dedup, effect, codec);
          } else {
            writeRowByRow(envelopes, dedup, effect, codec);
          }
          c.commit();
        } catch (SQLException e) {
          c.rollback();
          throw e;
        }
        consumer.commitSync();
        long before = handled.getAndAdd(records.count());
        if (before == 0 && firstAt.compareAndSet(0, System.nanoTime())) {
          firstCount.set(records.count());
        }
      }
    }
  }

  private static void writeBatched(List<Envelope> envelopes, PreparedStatement dedup, PreparedStatement effect,
      JsonCodec<StepRecorded> codec) throws SQLException {
    for (Envelope e : envelopes) {
      dedup.setObject(1, e.messageId());
      dedup.addBatch();
    }
    int[] inserted = dedup.executeBatch();
    for (int i = 0; i < inserted.length; i++) {
      if (inserted[i] == 0) {
        continue; // seen before: a redelivery
      }
      addEffect(effect, envelopes.get(i), codec);
      effect.addBatch();
    }
    effect.executeBatch();
  }

  private static void writeRowByRow(List<Envelope> envelopes, PreparedStatement dedup, PreparedStatement effect,
      JsonCodec<StepRecorded> codec) throws SQLException {
    for (Envelope e : envelopes) {
      dedup.setObject(1, e.messageId());
      if (dedup.executeUpdate() == 0) {
        continue; // seen before: a redelivery
      }
      addEffect(effect, e, codec);
      effect.executeUpdate();
    }
  }

  private static void addEffect(PreparedStatement effect, Envelope e, JsonCodec<StepRecorded> codec)
      throws SQLException {
    StepRecorded step = Json.decode(codec, e.payload());
    effect.setString(1, step.key());
    effect.setInt(2, step.seq());
    effect.setObject(3, e.messageId());
  }

  private Properties properties(String group) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", group);
    p.put("enable.auto.commit", "false");
    p.put("auto.offset.reset", "earliest");
    p.put("isolation.level", "read_committed");
    p.put("max.poll.records", "100"); // the inbox side takes 100 messages per transaction
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    return p;
  }
}
