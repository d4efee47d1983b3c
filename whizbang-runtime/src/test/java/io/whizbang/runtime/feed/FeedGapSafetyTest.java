package io.whizbang.runtime.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whizbang.runtime.sql.TestDb;
import java.net.URI;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reader polling the feed over HTTP while an owner transaction that started first commits last never misses its
 * event: the feed serves events in an order in which a late commit cannot land behind a cursor already handed out.
 */
class FeedGapSafetyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void anEventCommittedLateWithALowerPositionIsNeverSkipped(TestDb db) throws Exception {
    try (OwnerService owner = new OwnerService(db)) {
      Reader reader = new Reader(owner);
      owner.append("before", 0, List.of(Deposits.deposited("before", 1, 1)));
      reader.pollUntil(1);
      try (Connection slow = owner.fixture().connection()) {
        slow.setAutoCommit(false);
        // The slow transaction takes its position first...
        UUID slowId = owner.appendIn(slow, "slow", 0, List.of(Deposits.deposited("slow", 1, 1))).get(0)
            .envelope().messageId();
        // ...while others commit after it (on H2 they wait for the append lock, so run them aside).
        CompletableFuture<List<UUID>> fast = CompletableFuture.supplyAsync(() -> {
          List<UUID> ids = new ArrayList<>();
          for (int i = 0; i < 5; i++) {
            ids.add(owner.append("fast-" + i, 0, List.of(Deposits.deposited("fast-" + i, 1, 1))).get(0)
                .envelope().messageId());
          }
          return ids;
        });
        if (db == TestDb.POSTGRES) {
          List<UUID> fastIds = fast.get(30, TimeUnit.SECONDS);
          // Committed, but behind the open transaction: not served yet, so no cursor can pass the slow event.
          reader.poll();
          assertThat(reader.seen).doesNotContainAnyElementsOf(fastIds);
          assertThat(reader.lastFence).isLessThan(horizon(owner));
        } else {
          reader.poll();
        }
        slow.commit();
        List<UUID> fastIds = fast.get(30, TimeUnit.SECONDS);
        reader.pollUntil(7);
        assertThat(reader.seen).contains(slowId).containsAll(fastIds).hasSize(7);
        assertThat(new HashSet<>(reader.seen)).hasSize(reader.seen.size());
      }
    }
  }

  private static long horizon(OwnerService owner) throws Exception {
    return Long.parseLong(JSON.readTree(Http.get(URI.create(owner.feedUri() + "/horizon")).body())
        .path("horizon").asText());
  }

  /** Polls page by page from the last cursor, as a resuming reader would. */
  private static final class Reader {
    final OwnerService owner;
    final List<UUID> seen = new ArrayList<>();
    String cursor = "0.0";
    long lastFence;

    Reader(OwnerService owner) {
      this.owner = owner;
    }

    /** Other suites share the PostgreSQL server; their open transactions delay (never hide) what is served. */
    void pollUntil(int count) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (seen.size() < count && System.nanoTime() < deadline) {
        poll();
        Thread.sleep(20);
      }
    }

    void poll() throws Exception {
      List<String> lines = Http.lines(Http.get(URI.create(owner.feedUri() + "?limit=2&after=" + cursor)));
      for (String line : lines) {
        JsonNode node = JSON.readTree(line);
        cursor = node.path("cursor").asText();
        if (node.has("event")) {
          seen.add(UUID.fromString(node.path("event").path("id").asText()));
        } else if (node.has("fence")) {
          lastFence = Long.parseLong(node.path("fence").asText());
        }
      }
      Set<String> ends = new HashSet<>();
      ends.add(JSON.readTree(lines.get(lines.size() - 1)).path("end").asText());
      if (ends.contains("limit")) {
        poll();
      }
    }
  }
}
