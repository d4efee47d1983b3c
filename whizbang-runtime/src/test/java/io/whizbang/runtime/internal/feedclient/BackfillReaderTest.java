package io.whizbang.runtime.internal.feedclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.FeedServerOptions;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.store.StoredEvent;
import io.whizbang.runtime.testfixtures.TcpProxy;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BackfillReaderTest {

  private static List<UUID> append(OwnerService owner, int accounts, int perAccount) {
    List<UUID> ids = new ArrayList<>();
    for (int a = 0; a < accounts; a++) {
      List<Envelope> events = new ArrayList<>();
      for (int s = 1; s <= perAccount; s++) {
        events.add(Deposits.deposited("acc-" + a, s, s));
      }
      for (StoredEvent e : owner.append("acc-" + a, 0, events)) {
        ids.add(e.envelope().messageId());
      }
    }
    return ids;
  }

  /** Collects what the reader delivers; optionally throws after {@code crashAfter} events (a process crash). */
  private static final class Collector implements FeedSink {
    final List<UUID> ids = new ArrayList<>();
    EventCursor last = EventCursor.START;
    int crashAfter = -1;
    int pauses;

    @Override
    public void onEvent(FeedEvent event) {
      if (ids.size() == crashAfter) {
        throw new IllegalStateException("crash");
      }
      ids.add(event.envelope().messageId());
      last = event.cursor();
    }

    @Override
    public void onPause() {
      pauses++;
    }
  }

  private static BackfillReader reader(URI uri) {
    return BackfillReader.builder(uri).backoff(Duration.ofMillis(10), Duration.ofMillis(100)).build();
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void readsEveryEventOnceInOrderAcrossADroppedConnection(TestDb db) throws Exception {
    try (OwnerService owner = new OwnerService(db);
        TcpProxy proxy = new TcpProxy(owner.server().port())) {
      List<UUID> expected = append(owner, 10, 200);
      BackfillReader reader = reader(proxy.uri("/events"));
      long horizon = reader.horizon();
      proxy.cutOnceAfter(150_000);
      Collector sink = new Collector();
      EventCursor end = reader.readToHead(EventCursor.START, null, Set.of(), horizon, sink);
      assertThat(proxy.cuts()).isEqualTo(1);
      assertThat(sink.ids).containsExactlyElementsOf(expected);
      assertThat(end).isEqualTo(sink.last);
      assertThat(sink.pauses).isGreaterThanOrEqualTo(2); // at the cut, and at the head
    }
  }

  @Test
  void resumesFromTheLastCursorAfterARestart() throws Exception {
    try (OwnerService owner = new OwnerService(TestDb.H2)) {
      List<UUID> expected = append(owner, 5, 100);
      Collector first = new Collector();
      first.crashAfter = 123;
      BackfillReader reader = reader(owner.feedUri());
      assertThatThrownBy(() -> reader.readToHead(EventCursor.START, null, Set.of(), 0, first))
          .hasMessage("crash");
      Collector second = new Collector();
      reader(owner.feedUri()).readToHead(first.last, null, Set.of(), 0, second);
      List<UUID> all = new ArrayList<>(first.ids);
      all.addAll(second.ids);
      assertThat(all).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void unknownTypeIsRejectedAtOnceWithTheServersReason() {
    try (OwnerService owner = new OwnerService(TestDb.H2)) {
      BackfillReader reader = BackfillReader.builder(owner.feedUri()).maxAttempts(1).build();
      assertThatThrownBy(() -> reader.readToHead(EventCursor.START, null, Set.of("bank.Withdrawn"), 0,
          new Collector()))
          .isInstanceOfSatisfying(FeedRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("unknown_type");
            assertThat(e.getMessage()).contains("bank.Withdrawn").contains(owner.feedUri().toString());
          });
    }
  }

  @Test
  void missingTokenIsRejectedWithAHint() {
    try (OwnerService owner = new OwnerService(TestDb.H2, FeedServerOptions.defaults().bearerToken("t0ken"))) {
      assertThatThrownBy(() -> BackfillReader.builder(owner.feedUri()).bearerToken("wrong").build().horizon())
          .isInstanceOfSatisfying(FeedRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).contains("bearer token");
          });
      Collector sink = new Collector();
      append(owner, 1, 3);
      BackfillReader good = BackfillReader.builder(owner.feedUri()).bearerToken("t0ken").build();
      assertThat(good.horizon()).isZero();
    }
  }

  @Test
  void unreachableFeedGivesUpAfterTheConfiguredAttempts() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    BackfillReader reader = BackfillReader.builder(URI.create("http://127.0.0.1:" + port + "/events"))
        .maxAttempts(3).backoff(Duration.ofMillis(5), Duration.ofMillis(10)).build();
    assertThatThrownBy(() -> reader.readToHead(EventCursor.START, null, Set.of(), 0, new Collector()))
        .isInstanceOf(FeedUnavailableException.class).hasMessageContaining("3 time(s)");
  }

  @Test
  @org.junit.jupiter.api.Timeout(30)
  void abortStopsAReadBlockedOnAStalledFeed() throws Exception {
    // A feed that sends its headers and one event, then nothing: the reader blocks in read().
    try (java.net.ServerSocket stalled = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      CompletableFuture.runAsync(() -> {
        try (java.net.Socket s = stalled.accept()) {
          s.getInputStream().read(new byte[4096]);
          String line = "{\"cursor\":\"0.1\",\"event\":" + new String(
              io.whizbang.runtime.envelope.EnvelopeCodec.encode(Deposits.deposited("acc-0", 1, 1)),
              java.nio.charset.StandardCharsets.UTF_8) + "}\n";
          s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(line.length()) + "\r\n" + line + "\r\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
          s.getOutputStream().flush();
          Thread.sleep(60_000);
        } catch (Exception e) {
          // the reader went away
        }
      });
      BackfillReader reader = reader(URI.create("http://127.0.0.1:" + stalled.getLocalPort() + "/events"));
      Collector sink = new Collector();
      CompletableFuture<EventCursor> read = CompletableFuture.supplyAsync(() -> {
        try {
          return reader.readToHead(EventCursor.START, null, Set.of(), 0, sink);
        } catch (Exception e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sink.ids.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(sink.ids).hasSize(1);
      reader.abort();
      assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(BackfillReader.FeedAbortedException.class);
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(30)
  void aFeedThatStopsSendingIsGivenUpOnAndAskedAgain() throws Exception {
    // Every connection gets its headers and then nothing; only the first also gets one event.
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread server = new Thread(() -> {
        List<java.net.Socket> held = new ArrayList<>();
        try {
          while (true) {
            java.net.Socket s = silent.accept();
            held.add(s);
            byte[] request = new byte[4096];
            int n = s.getInputStream().read(request);
            requests.add(new String(request, 0, Math.max(n, 0), java.nio.charset.StandardCharsets.US_ASCII));
            String line = requests.size() > 1 ? "" : "{\"cursor\":\"0.1\",\"event\":" + new String(
                io.whizbang.runtime.envelope.EnvelopeCodec.encode(Deposits.deposited("acc-0", 1, 1)),
                java.nio.charset.StandardCharsets.UTF_8) + "}\n";
            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + (line.isEmpty() ? ""
                    : Integer.toHexString(line.length()) + "\r\n" + line + "\r\n"))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            s.getOutputStream().flush();
          }
        } catch (java.io.IOException e) {
          held.forEach(h -> {
            try {
              h.close();
            } catch (java.io.IOException ignored) {
              // closing anyway
            }
          });
        }
      }, "silent-feed");
      server.setDaemon(true);
      server.start();
      BackfillReader reader = BackfillReader.builder(URI.create("http://127.0.0.1:" + silent.getLocalPort()
          + "/events")).readTimeout(Duration.ofMillis(200)).maxAttempts(3)
          .backoff(Duration.ofMillis(5), Duration.ofMillis(10)).build();
      Collector sink = new Collector();
      assertThatThrownBy(() -> reader.readToHead(EventCursor.START, null, Set.of(), 0, sink))
          .isInstanceOf(FeedUnavailableException.class)
          .hasMessageContaining("3 time(s)")
          .hasMessageContaining("no data from the feed for 200 ms");
      assertThat(sink.ids).hasSize(1);
      // Each new attempt resumed after the last event read.
      assertThat(requests).hasSize(3);
      assertThat(requests.get(1)).contains("after=0.1");
      assertThat(requests.get(2)).contains("after=0.1");
    }
  }

  @Test
  void malformedUrlIsRefusedWhenConfigured() {
    assertThatThrownBy(() -> BackfillReader.builder(URI.create("orders.example/events")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute http(s) URL");
    assertThatThrownBy(() -> BackfillReader.builder(URI.create("http://orders.example/events?after=1.1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
  }

  @Test
  void waitsForOwnerTransactionsThatWereOpenAtTheHorizon() throws Exception {
    TestDb.requirePostgres();
    try (OwnerService owner = new OwnerService(TestDb.POSTGRES); Connection slow = owner.fixture().connection()) {
      slow.setAutoCommit(false);
      UUID slowId = owner.appendIn(slow, "slow", 0, List.of(Deposits.deposited("slow", 1, 1))).get(0)
          .envelope().messageId();
      List<UUID> fast = append(owner, 3, 2); // committed after the slow one took its place
      BackfillReader reader = reader(owner.feedUri());
      long horizon = reader.horizon();
      Collector sink = new Collector();
      CompletableFuture<EventCursor> done = CompletableFuture.supplyAsync(() -> {
        try {
          return reader.readToHead(EventCursor.START, null, Set.of(), horizon, sink);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(300);
      assertThat(done).isNotDone(); // the fast events alone are not "everything before the horizon"
      slow.commit();
      done.get(30, TimeUnit.SECONDS);
      assertThat(sink.ids).contains(slowId).containsAll(fast);
      reader.abort();
    }
  }
}
