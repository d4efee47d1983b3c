package io.whizbang.runtime.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.Health;
import io.whizbang.runtime.Health.Component;
import io.whizbang.runtime.Health.Status;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.storage.SqlStorage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code /health} next to the feed: the snapshot as JSON, 200 while ready, 503 when DOWN, behind the token. */
class FeedHealthEndpointTest {
  private static final Instant AT = Instant.parse("2026-12-06T12:00:00Z");

  private static Health health(Status status) {
    return new Health("orders", status, AT, List.of(new Component("outbox", status,
        status == Status.UP ? "" : "the oldest unpublished outbox row waits", Map.of("pending", 3L))));
  }

  private static EventFeed feed() {
    SqlStorage storage = SqlStorage.builder(TestDb.H2.dataSource()).build();
    storage.migrate();
    return EventFeed.builder(storage).wireNames(List.of(Deposits.DEPOSITED)).build();
  }

  @Test
  void theSnapshotIsServedWith200WhileReadyAnd503WhenDown() {
    AtomicReference<Health> now = new AtomicReference<>(health(Status.UP));
    try (EventFeedServer server = EventFeedServer.start(0, feed(), FeedServerOptions.defaults(), now::get)) {
      URI health = server.uri().resolve("/health");
      HttpResponse<String> up = Http.get(health);
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body()).isEqualTo(now.get().toJson()).contains("\"status\":\"UP\"", "\"pending\":3");

      now.set(health(Status.DEGRADED));
      assertThat(Http.get(health).statusCode()).isEqualTo(200);

      now.set(health(Status.DOWN));
      HttpResponse<String> down = Http.get(health);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("\"status\":\"DOWN\"", "the oldest unpublished outbox row waits");

      // The feed is still served next to it.
      assertThat(Http.get(server.uri()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withABearerTokenTheSnapshotNeedsItToo() {
    FeedServerOptions options = FeedServerOptions.defaults().bearerToken("s3cret");
    try (EventFeedServer server = EventFeedServer.start(0, feed(), options, () -> health(Status.UP))) {
      URI health = server.uri().resolve("/health");
      HttpResponse<String> anonymous = Http.get(health);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).doesNotContain("orders");
      assertThat(Http.get(health, "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aFeedPathThatWouldHideTheEndpointIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> EventFeedServer.start(0, feed(), FeedServerOptions.defaults().path("/health"),
        () -> health(Status.UP))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FeedServerOptions.path");
  }
}
