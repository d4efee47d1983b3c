package io.whizbang.runtime.internal.feedclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reading the owner's horizon is bounded like every other feed read: a server that sends the reply's headers and
 * then stalls is given up on after the read timeout, {@code abort()} ends a read blocked on it, and an oversized
 * reply is not read to its end. (Before, the body was read with no limit and {@code abort()} could not reach it;
 * the timeouts run the test on a thread of its own so that such a hang fails instead of blocking the build.)
 */
class HorizonReadTest {

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aStalledHorizonReplyIsGivenUpOnAfterTheReadTimeout() throws Exception {
    try (StallingServer server = new StallingServer("HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n{\"hori")) {
      BackfillReader reader = BackfillReader.builder(server.eventsUri()).readTimeout(Duration.ofMillis(200))
          .maxAttempts(2).backoff(Duration.ofMillis(5), Duration.ofMillis(10)).build();

      assertThatThrownBy(reader::horizon).isInstanceOf(FeedUnavailableException.class)
          .hasMessageContaining("2 time(s) in a row reading the horizon")
          .hasMessageContaining("no data from the feed for 200 ms");
      assertThat(server.requests.get()).isEqualTo(2);
    }
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void abortEndsAHorizonReadBlockedOnAStalledReply() throws Exception {
    try (StallingServer server = new StallingServer("HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n{\"hori")) {
      BackfillReader reader = BackfillReader.builder(server.eventsUri()).build(); // read timeout: 60 s
      CompletableFuture<Long> read = CompletableFuture.supplyAsync(reader::horizon);
      while (server.requests.get() == 0) {
        Thread.sleep(5);
      }
      Thread.sleep(100); // let the reader block in the body

      reader.abort();

      assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS)).isInstanceOf(java.util.concurrent.ExecutionException.class)
          .hasCauseInstanceOf(BackfillReader.FeedAbortedException.class);
    }
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anOversizedHorizonReplyIsRefused() throws Exception {
    String huge = "{\"horizon\":\"1\",\"pad\":\"" + "x".repeat(100_000) + "\"}";
    try (StallingServer server = new StallingServer("HTTP/1.1 200 OK\r\nContent-Length: " + huge.length()
        + "\r\n\r\n" + huge)) {
      BackfillReader reader = BackfillReader.builder(server.eventsUri()).maxAttempts(1).build();

      assertThatThrownBy(reader::horizon).isInstanceOf(FeedUnavailableException.class)
          .hasMessageContaining("longer than 4096 bytes");
    }
  }

  /** Answers every connection with {@code reply}, then holds it open without sending more. */
  private static final class StallingServer implements AutoCloseable {
    final AtomicInteger requests = new AtomicInteger();
    private final ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    private final List<Socket> held = new ArrayList<>();

    StallingServer(String reply) throws IOException {
      Thread t = new Thread(() -> {
        try {
          while (true) {
            Socket s = socket.accept();
            synchronized (held) {
              held.add(s);
            }
            s.getInputStream().read(new byte[4096]);
            requests.incrementAndGet();
            s.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
          }
        } catch (IOException e) {
          // closed by the test
        }
      }, "stalling-feed");
      t.setDaemon(true);
      t.start();
    }

    URI eventsUri() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/events");
    }

    @Override
    public void close() throws IOException {
      socket.close();
      synchronized (held) {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }
}
