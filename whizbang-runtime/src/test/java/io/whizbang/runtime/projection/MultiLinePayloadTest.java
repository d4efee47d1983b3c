package io.whizbang.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.Http;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.projection.AccountsProjection.Account;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stored payload that is valid but pretty-printed JSON (line breaks between its tokens) is served as exactly one
 * NDJSON line, and a projection backfills past it. Before, the feed wrote it raw, the reader refused the broken
 * line, and every restart of the projection failed at the same cursor.
 */
class MultiLinePayloadTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aPrettyPrintedPayloadIsOneFeedLineAndIsApplied(TestDb db) throws Exception {
    try (InMemoryTransport broker = new InMemoryTransport();
        OwnerService owner = new OwnerService(db);
        StorageFixture projectionDb = StorageFixture.create(db)) {
      Envelope compact = Deposits.deposited("acc-1", 1, 5);
      Envelope pretty = withPayload(Deposits.deposited("acc-1", 2, 7),
          "{\r\n  \"account\" : \"acc-1\",\n  \"seq\" : 2,\n  \"amount\" : 7\n}\n");
      owner.append("acc-1", 0, List.of(compact, pretty));
      owner.fixture().awaitReadFence();

      List<String> lines = Http.lines(Http.get(URI.create(owner.feedUri() + "?stream=true")));
      assertThat(lines).hasSize(3);
      for (String line : lines) {
        assertThat(JSON.readTree(line).isObject()).as(line).isTrue();
      }
      assertThat(JSON.readTree(lines.get(1)).path("event").path("payload").path("amount").asLong()).isEqualTo(7);

      AccountsProjection accounts = new AccountsProjection(projectionDb.storage());
      ProjectionEngine engine = ProjectionEngine.builder(projectionDb.storage(), broker)
          .registerDomain(Deposits.DOMAIN, ProjectionEngine.Source.feed(owner.feedUri()))
          .build();
      try (RunningProjection running = engine.start(new AccountsProjection_Dispatcher(accounts, "pretty"))) {
        assertThat(running.awaitLive(Duration.ofSeconds(30))).isTrue();
      }
      assertThat(accounts.accounts()).isEqualTo(Map.of("acc-1", new Account(2, 2, 12, 0)));
    }
  }

  private static Envelope withPayload(Envelope e, String json) {
    return new Envelope(e.messageId(), e.wireName(), e.domain(), e.partitionKey(), e.correlationId(),
        e.causationId(), e.occurredAt(), e.position(), e.headers(), json.getBytes(StandardCharsets.UTF_8));
  }
}
