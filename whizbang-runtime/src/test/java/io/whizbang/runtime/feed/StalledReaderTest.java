package io.whizbang.runtime.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.EventStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reader that asks for a stream and stops reading: cut after the idle timeout, its database connection released;
 * and while it holds the only slot, another reader is told to come back (503 + Retry-After), not queued.
 */
class StalledReaderTest {
  private static final String REQUEST = "GET /events?stream=true HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  /** Events of about 4 KB: 3,000 of them are far more than the socket buffers of both ends hold. */
  private static final int EVENTS = 3_000;

  private CountingDataSource dataSource;
  private EventFeed feed;

  @BeforeEach
  void fill() {
    dataSource = new CountingDataSource(TestDb.H2.dataSource());
    SqlStorage storage = SqlStorage.builder(dataSource).tablePrefix("stall_").build();
    storage.migrate();
    EventStore store = new EventStore(storage);
    String padding = "x".repeat(4_000);
    List<Envelope> events = new ArrayList<>();
    for (int i = 1; i <= EVENTS; i++) {
      String json = "{\"account\":\"acc-1\",\"seq\":" + i + ",\"note\":\"" + padding + "\"}";
      events.add(new Envelope(MessageIds.next(), Deposits.DEPOSITED, Deposits.DOMAIN, "acc-1", UUID.randomUUID(),
          null, Instant.now(), Envelope.NO_POSITION, Map.of(), json.getBytes(StandardCharsets.UTF_8)));
    }
    storage.inTransaction(tx -> store.append(tx.connection(), "acc-1", 0, events));
    feed = EventFeed.builder(storage).wireNames(List.of(Deposits.DEPOSITED)).build();
  }

  @AfterEach
  void checkNothingLeaks() {
    Await.until(Duration.ofSeconds(30), () -> dataSource.open() + " connection(s) still open",
        () -> dataSource.open() == 0);
  }

  @Test
  void aReaderThatStopsReadingIsCutAndItsDatabaseConnectionReleased() throws Exception {
    FeedServerOptions options = FeedServerOptions.defaults().idleTimeout(Duration.ofSeconds(1));
    try (EventFeedServer server = EventFeedServer.start(0, feed, options);
        StalledSockets stalled = StalledSockets.open(server.port(), 1, REQUEST, 4_096)) {
      // The feed is writing to the stalled reader, with a database connection borrowed.
      Await.until(Duration.ofSeconds(30), "the feed to start the stream", () -> dataSource.open() == 1);
      // No byte taken for longer than the idle timeout: the write fails, the connection is closed and released,
      // while the reader's socket is still open and stalled.
      Await.until(Duration.ofSeconds(30), () -> dataSource.open() + " connection(s) still borrowed",
          () -> dataSource.open() == 0);
      String received = StalledSockets.readUntilClosed(stalled.sockets().get(0), 30_000);
      assertThat(received).as("the server closed the connection").isNotNull();
      assertThat(received).startsWith("HTTP/1.1 200").doesNotContain("\"end\":\"head\"");
    }
  }

  @Test
  void aRequestBeyondTheConfiguredThreadsIsToldToRetryLater() throws Exception {
    FeedServerOptions options = FeedServerOptions.defaults().threads(1).idleTimeout(Duration.ofSeconds(60));
    try (EventFeedServer server = EventFeedServer.start(0, feed, options)) {
      try (StalledSockets stalled = StalledSockets.open(server.port(), 1, REQUEST, 4_096)) {
        Await.until(Duration.ofSeconds(30), "the stalled stream to take the only slot", () -> dataSource.open() == 1);
        HttpResponse<String> busy = Http.get(server.uri());
        assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(busy.body()).contains("\"error\":\"busy\"");
      }
      // The stalled reader went away: its slot is free again.
      Await.until(Duration.ofSeconds(30), "the slot to be released", () -> dataSource.open() == 0);
      Await.until(Duration.ofSeconds(30), "a reader to be served",
          () -> Http.get(java.net.URI.create(server.uri() + "?limit=1")).statusCode() == 200);
    }
  }
}
