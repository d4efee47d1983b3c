package io.whizbang.runtime.relay;

import static io.whizbang.runtime.outbox.Messages.body;
import static io.whizbang.runtime.outbox.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.relay.ScriptedTransport.Outcome;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RelayOrderingAndCrashTest {

  /** Writers append per-key sequences while three relays share the partitions; the broker sees each key in order. */
  @ParameterizedTest
  @EnumSource(TestDb.class)
  void threeRelaysPublishEveryKeyInOrder(TestDb db) throws Exception {
    int writers = 4;
    int keys = 60;
    int perWriter = 500;
    List<OutgoingMessage> log = new CopyOnWriteArrayList<>();
    try (StorageFixture fixture = StorageFixture.create(db)) {
      Outbox outbox = new Outbox(fixture.storage());
      List<Relay> relays = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      // Writers pause halfway until every relay leases partitions, so each relay is sure to get a share of the
      // second half however fast the first half went out.
      CountDownLatch everyRelayLeasing = new CountDownLatch(1);
      try {
        for (int r = 0; r < 3; r++) {
          relays.add(new Relay(fixture.sibling(), new ScriptedTransport(log),
              RelayTest.fast().relayId("relay-" + r).batchSize(50).build()));
        }
        relays.get(0).start();
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          int writer = w;
          writes.add(pool.submit(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int[] next = new int[keys];
            int written = 0;
            while (written < perWriter) {
              if (written >= perWriter / 2 && everyRelayLeasing.getCount() > 0) {
                assertThat(everyRelayLeasing.await(60, TimeUnit.SECONDS)).as("every relay leasing").isTrue();
              }
              List<OutgoingMessage> tx = new ArrayList<>();
              for (int i = 0; i < 1 + random.nextInt(10) && written < perWriter; i++, written++) {
                int key = writer + writers * random.nextInt(keys / writers);   // keys owned by this writer only
                tx.add(message("key-" + key, next[key]++));
              }
              fixture.storage().inTransaction(t -> {
                outbox.append(t, tx);
                return null;
              });
            }
            return null;
          }));
        }
        Thread.sleep(200);
        relays.get(1).start();                                 // join while rows flow: partitions rebalance
        Thread.sleep(200);
        relays.get(2).start();
        Await.until(Duration.ofSeconds(30), "every relay leases partitions",
            () -> relays.stream().allMatch(relay -> !relay.stats().leasedPartitions().isEmpty()));
        everyRelayLeasing.countDown();
        for (Future<?> write : writes) {
          write.get(120, TimeUnit.SECONDS);
        }
        int total = writers * perWriter;
        Await.until(Duration.ofSeconds(60), () -> "all " + total + " published, got " + distinct(log),
            () -> distinct(log) == total);

        Map<String, Integer> last = new HashMap<>();
        Set<UUID> seen = new HashSet<>();
        for (OutgoingMessage m : log) {
          if (!seen.add(m.messageId())) {
            continue;                                          // a duplicate: the inbox drops it
          }
          String[] parts = body(m).split(":");
          int sequence = Integer.parseInt(parts[1]);
          assertThat(sequence).as("next message of %s", parts[0]).isEqualTo(last.getOrDefault(parts[0], -1) + 1);
          last.put(parts[0], sequence);
        }
        for (Relay relay : relays) {
          assertThat(relay.stats().published()).as("work of %s", relay.id()).isPositive();
        }
      } finally {
        pool.shutdownNow();
        relays.forEach(Relay::close);
      }
    }
  }

  private static long distinct(List<OutgoingMessage> log) {
    return log.stream().map(OutgoingMessage::messageId).distinct().count();
  }

  /** A relay dies after handing a batch to the broker and before marking it: another relay publishes it again. */
  @ParameterizedTest
  @EnumSource(TestDb.class)
  void rowsOfARelayThatDiedMidBatchArePublishedAgainWithinTheLease(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport stuck = new ScriptedTransport();
        ScriptedTransport healthy = new ScriptedTransport()) {
      stuck.script((m, offered) -> Outcome.TIMEOUT);
      List<OutgoingMessage> messages = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        messages.add(message("k" + (i % 5), i));
      }
      Outbox outbox = new Outbox(fixture.storage());
      fixture.storage().inTransaction(tx -> {
        outbox.append(tx, messages);
        return null;
      });
      RelayConfig config = RelayTest.fast().leaseDuration(Duration.ofSeconds(3))
          .confirmTimeout(Duration.ofSeconds(2)).build();
      Relay doomed = new Relay(fixture.sibling(), stuck, config);
      doomed.start();
      Await.until(Duration.ofSeconds(20), "the doomed relay mid-batch", () -> stuck.offers(messages.get(0).messageId()) == 1);
      doomed.halt();
      long crashedAt = System.nanoTime();

      try (Relay survivor = new Relay(fixture.sibling(), healthy, RelayTest.fast().build())) {
        survivor.start();
        Await.until(Duration.ofSeconds(10), "republished within 10 s", () -> healthy.confirmed().size() == 50);
        long recoveredMillis = (System.nanoTime() - crashedAt) / 1_000_000;
        assertThat(recoveredMillis).as("recovery after the crash").isLessThan(10_000);
        assertThat(healthy.confirmed()).extracting(m -> body(m)).containsExactlyInAnyOrderElementsOf(
            messages.stream().map(m -> body(m)).toList());
        Await.until(Duration.ofSeconds(10), "marked", () -> survivor.stats().published() == 50);
      }
    }
  }
}
