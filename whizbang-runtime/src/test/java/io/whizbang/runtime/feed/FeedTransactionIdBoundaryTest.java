package io.whizbang.runtime.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.TxOrderBoundaries;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP feed over events whose transaction ids straddle 10^5, 10^6, 10^9, 2^31, 2^32 and 10^10 (see
 * {@link TxOrderBoundaries}): paged and streamed at several sizes, a reader following the cursors gets every event
 * once, in numeric transaction order.
 */
class FeedTransactionIdBoundaryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> databasesAndSizes() {
    return Stream.of(TestDb.values()).flatMap(db -> Stream.of(1, 2, 1000).map(size -> Arguments.of(db, size)));
  }

  @ParameterizedTest(name = "{0}, pages of {1}")
  @MethodSource("databasesAndSizes")
  void pagedReadsFollowTheNumericOrder(TestDb db, int limit) throws Exception {
    try (OwnerService owner = owner(db, feed -> feed)) {
      List<UUID> expected = TxOrderBoundaries.write(owner.fixture().storage());
      List<UUID> read = new ArrayList<>();
      String after = "";
      for (int pages = 0; ; pages++) {
        assertThat(pages).as("pages read").isLessThan(1_000);
        HttpResponse<String> page = Http.get(URI.create(owner.feedUri() + "?limit=" + limit + after));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> lines = Http.lines(page);
        JsonNode end = JSON.readTree(lines.get(lines.size() - 1));
        lines.subList(0, lines.size() - 1).forEach(line -> read.add(eventId(line)));
        after = "&after=" + end.path("cursor").asText();
        if (end.path("end").asText().equals("head")) {
          break;
        }
      }
      assertThat(read).containsExactlyElementsOf(expected);
    }
  }

  @ParameterizedTest(name = "{0}, store pages of {1}")
  @MethodSource("databasesAndSizes")
  void streamedReadsFollowTheNumericOrder(TestDb db, int storePage) throws Exception {
    try (OwnerService owner = owner(db, feed -> feed.streamBatch(storePage))) {
      List<UUID> expected = TxOrderBoundaries.write(owner.fixture().storage());

      List<String> lines = Http.lines(Http.get(URI.create(owner.feedUri() + "?stream=true")));

      assertThat(JSON.readTree(lines.get(lines.size() - 1)).path("end").asText()).isEqualTo("head");
      assertThat(lines.subList(0, lines.size() - 1).stream().map(FeedTransactionIdBoundaryTest::eventId).toList())
          .containsExactlyElementsOf(expected);
    }
  }

  private static OwnerService owner(TestDb db, UnaryOperator<EventFeed.Builder> options) {
    return new OwnerService(db, TxOrderBoundaries.visibleIds(db), Set.of(Deposits.DEPOSITED),
        FeedServerOptions.defaults(), options);
  }

  private static UUID eventId(String line) {
    try {
      return UUID.fromString(JSON.readTree(line).path("event").path("id").asText());
    } catch (Exception e) {
      throw new IllegalStateException(line, e);
    }
  }
}
