package io.whizbang.runtime.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.sql.TestDb;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clients that send half a request and stall must not lock authorised readers out. */
class SlowClientTest {
  private static final String TOKEN = "sl0w-t0ken";

  @Test
  void fiftyHalfSentRequestsDoNotLockOutAnAuthorisedReaderAndAreClosedAfterTheIdleTimeout() throws Exception {
    FeedServerOptions options = FeedServerOptions.defaults().bearerToken(TOKEN).idleTimeout(Duration.ofSeconds(2));
    try (OwnerService owner = new OwnerService(TestDb.H2, options)) {
      owner.append("acc-1", 0, List.of(Deposits.deposited("acc-1", 1, 10)));
      try (StalledSockets stalled = StalledSockets.open(owner.server().port(), 50, "GET /events?li", 0)) {
        // While all 50 stall (each far from its idle timeout at first), the reader with the token is answered.
        HttpResponse<String> answer = Http.get(owner.feedUri(), "Authorization", "Bearer " + TOKEN);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Http.lines(answer)).hasSize(2);
        // The server closes every stalled connection once it has been idle for the configured limit (2 s); the
        // 30 s read timeout only bounds the test.
        for (Socket socket : stalled.sockets()) {
          String sent = StalledSockets.readUntilClosed(socket, 30_000);
          assertThat(sent).as("the server closed the stalled connection").isNotNull();
          assertThat(sent).doesNotContain("bank.Deposited");
        }
      }
    }
  }
}
