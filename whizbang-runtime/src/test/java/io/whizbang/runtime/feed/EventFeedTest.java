package io.whizbang.runtime.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.StoredEvent;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@SuppressWarnings("unchecked")
class EventFeedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<StoredEvent> appendDeposits(OwnerService owner, String account, int count) {
    List<Envelope> events = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      events.add(Deposits.deposited(account, i, i * 10L));
    }
    return owner.append(account, 0, events);
  }

  private static HttpResponse<String> get(OwnerService owner, String query) {
    return Http.get(URI.create(owner.feedUri() + query));
  }

  /**
   * The lines of a read once it holds {@code count} lines. On PostgreSQL a committed event is served once every
   * older transaction of the cluster ended, and other test suites share the server: wait for that, boundedly.
   */
  private static List<String> linesWhen(OwnerService owner, String query, int count) {
    List<String>[] lines = new List[1];
    io.whizbang.runtime.sql.Await.until(java.time.Duration.ofSeconds(30), () -> query + " gave " + lines[0], () -> {
      lines[0] = Http.lines(get(owner, query));
      return lines[0].size() >= count;
    });
    return lines[0];
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void eachLineIsTheBrokerEnvelopeWithItsCursorThenAHeadLine(TestDb db) throws Exception {
    try (OwnerService owner = new OwnerService(db)) {
      List<StoredEvent> stored = appendDeposits(owner, "acc-1", 3);
      linesWhen(owner, "?stream=true", 4);
      HttpResponse<String> response = get(owner, "?stream=true");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/x-ndjson");
      List<String> lines = Http.lines(response);
      assertThat(lines).hasSize(4);
      for (int i = 0; i < 3; i++) {
        JsonNode line = JSON.readTree(lines.get(i));
        String envelopeJson = JSON.writeValueAsString(line.get("event"));
        Envelope read = EnvelopeCodec.decode(envelopeJson.getBytes(StandardCharsets.UTF_8));
        assertThat(read.messageId()).isEqualTo(stored.get(i).envelope().messageId());
        assertThat(read.position()).isEqualTo(stored.get(i).position());
        assertThat(read.headers()).containsKey("traceparent");
        // Byte for byte the envelope that crosses the brokers.
        String expected = new String(EnvelopeCodec.encode(read), StandardCharsets.UTF_8);
        assertThat(lines.get(i)).isEqualTo("{\"cursor\":\"" + line.get("cursor").asText() + "\",\"event\":"
            + expected + "}");
      }
      JsonNode end = JSON.readTree(lines.get(3));
      assertThat(end.path("end").asText()).isEqualTo("head");
      assertThat(end.path("cursor").asText()).isEqualTo(JSON.readTree(lines.get(2)).path("cursor").asText());
      assertThat(end.path("fence").asText()).matches("\\d+");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void pagesResumeFromTheLastCursorInOrder(TestDb db) throws Exception {
    try (OwnerService owner = new OwnerService(db)) {
      List<UUID> expected = new ArrayList<>();
      for (int a = 0; a < 3; a++) {
        appendDeposits(owner, "acc-" + a, 9).forEach(e -> expected.add(e.envelope().messageId()));
      }
      linesWhen(owner, "?stream=true", 28);
      List<UUID> read = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      while (true) {
        List<String> lines = Http.lines(get(owner, "?limit=10" + (cursor == null ? "" : "&after=" + cursor)));
        pages++;
        JsonNode end = JSON.readTree(lines.get(lines.size() - 1));
        for (String line : lines.subList(0, lines.size() - 1)) {
          read.add(UUID.fromString(JSON.readTree(line).path("event").path("id").asText()));
        }
        cursor = end.path("cursor").asText();
        if (end.path("end").asText().equals("head")) {
          break;
        }
        assertThat(end.path("end").asText()).isEqualTo("limit");
        assertThat(lines).hasSize(11);
      }
      assertThat(pages).isEqualTo(3);
      assertThat(read).containsExactlyElementsOf(expected);
      // The head cursor resumes with nothing new, then with what comes next.
      assertThat(Http.lines(get(owner, "?limit=10&after=" + cursor))).hasSize(1);
      UUID late = appendDeposits(owner, "acc-late", 1).get(0).envelope().messageId();
      List<String> next = linesWhen(owner, "?limit=10&after=" + cursor, 2);
      assertThat(next).hasSize(2);
      assertThat(JSON.readTree(next.get(0)).path("event").path("id").asText()).isEqualTo(late.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void filtersByTypeAndPointInTime(TestDb db) throws Exception {
    try (OwnerService owner = new OwnerService(db)) {
      Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
      owner.append("acc-1", 0, List.of(
          Deposits.deposited("acc-1", 1, 5, t0),
          Deposits.deposited("acc-1", 2, 5, t0.plusSeconds(60)),
          Deposits.closed("acc-1", 3)));
      linesWhen(owner, "?stream=true", 4);
      assertThat(Http.lines(get(owner, "?stream=true&types=bank.AccountClosed"))).hasSize(2)
          .first().asString().contains("\"type\":\"bank.AccountClosed\"");
      List<String> fromMinute = Http.lines(get(owner, "?stream=true&types=bank.Deposited&from=2026-01-01T00:00:30Z"));
      assertThat(fromMinute).hasSize(2).first().asString().contains("\"seq\":2");
      assertThat(Http.lines(get(owner, "?stream=true&types=bank.Deposited,bank.AccountClosed"))).hasSize(4);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void horizonIsANumber(TestDb db) throws Exception {
    try (OwnerService owner = new OwnerService(db)) {
      HttpResponse<String> response = Http.get(URI.create(owner.feedUri() + "/horizon"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(response.body()).path("horizon").asText()).matches("\\d+");
    }
  }
}
