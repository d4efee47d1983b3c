package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.inbox.InboxStats;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 10,000 messages over 50 keys, each delivered one to five times, keys reordered, several of a key per batch, and
 * about one acknowledgement in fifty lost after the commit: every effect is applied exactly once, in key order.
 */
class RedeliveryStormTest {
  private static final int MESSAGES = 10_000;
  private static final int KEYS = 50;

  @ParameterizedTest(name = "{0}, maxBatch {1}")
  @CsvSource({"H2, 1", "H2, 50", "POSTGRES, 50"})
  void everyEffectIsAppliedExactlyOnceAndInKeyOrder(TestDb db, int maxBatch) {
    try (InboxFixture f = new InboxFixture(db);
        ChaosTransport transport = new ChaosTransport(42, 5, 0.02, 64, 3)) {
      InboxConsumer consumer = f.consumer(b -> b.maxBatch(maxBatch));
      transport.publish(Steps.spread(MESSAGES, KEYS));
      transport.loseNextAcks(25);

      try (Subscription s = consumer.subscribe(transport,
          List.of(new SubscriptionRequest.Source(Steps.DESTINATION, consumer.wireNames())), 4)) {
        Await.until(Duration.ofSeconds(120), () -> "drained; " + consumer.stats(), transport::drained);
      }

      assertThat(transport.copies.get()).as("extra copies published").isGreaterThan(MESSAGES);
      assertThat(transport.lostAcks.get()).as("acks lost after commit").isGreaterThan(100);
      assertThat(f.effectCount()).isEqualTo(MESSAGES);
      assertThat(f.storage.count("select count(distinct message_id) from " + f.effects)).isEqualTo(MESSAGES);
      assertThat(f.dispatcher.calls()).isEqualTo(MESSAGES);
      Map<String, List<Integer>> byKey = f.effectsByKey();
      assertThat(byKey).hasSize(KEYS);
      List<Integer> expected = IntStream.range(0, MESSAGES / KEYS).boxed().toList();
      byKey.forEach((key, seqs) -> assertThat(seqs).as("order of " + key).isEqualTo(expected));
      InboxStats stats = consumer.stats();
      assertThat(stats.handled()).isEqualTo(MESSAGES);
      assertThat(stats.handled() + stats.duplicates()).isEqualTo(transport.deliveries.get());
      assertThat(stats.retried() + stats.deadLettered() + stats.ignored()).isZero();
      assertThat(transport.releases.get()).isZero();
      assertThat(f.inboxRows()).isEqualTo(MESSAGES);
    }
  }
}
