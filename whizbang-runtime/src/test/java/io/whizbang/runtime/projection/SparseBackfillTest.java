package io.whizbang.runtime.projection;

import io.whizbang.runtime.internal.feedclient.BackfillReader;
import io.whizbang.runtime.internal.feedclient.FeedEvent;
import io.whizbang.runtime.internal.feedclient.FeedSink;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.FeedServerOptions;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.EventCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A backfill from a point in time over many older events and one match: the feed filters {@code from} in SQL a
 * bounded page at a time and sends progress lines while pages match nothing, so a reader with a short idle limit
 * never sees the connection go silent. (The case: 10 million older events against the default 60 s limit;
 * here 20,000 against 300 ms, 100 events per store page.)
 */
class SparseBackfillTest {

  @Test
  void oneMatchAfterManyOlderEventsIsReadWithASmallIdleLimit() throws Exception {
    Instant from = Instant.parse("2026-06-01T00:00:00Z");
    try (OwnerService owner = new OwnerService(TestDb.H2, FeedServerOptions.defaults(),
        feed -> feed.streamBatch(100))) {
      for (int s = 0; s < 20; s++) {
        List<Envelope> older = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
          older.add(Deposits.deposited("old-" + s, i, 1, from.minusSeconds(86_400)));
        }
        owner.append("old-" + s, 0, older);
      }
      Envelope match = Deposits.deposited("new", 1, 5, from.plusSeconds(1));
      owner.append("new", 0, List.of(match));

      BackfillReader reader = BackfillReader.builder(owner.feedUri()).readTimeout(Duration.ofMillis(300))
          .maxAttempts(2).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build();
      List<Envelope> read = new ArrayList<>();
      EventCursor end = reader.readToHead(EventCursor.START, from, Set.of(), 0, new FeedSink() {
        @Override
        public void onEvent(FeedEvent event) {
          read.add(event.envelope());
        }

        @Override
        public void onPause() {}
      });

      assertThat(read).extracting(Envelope::messageId).containsExactly(match.messageId());
      assertThat(end.position()).isEqualTo(read.get(0).position());
    }
  }
}
