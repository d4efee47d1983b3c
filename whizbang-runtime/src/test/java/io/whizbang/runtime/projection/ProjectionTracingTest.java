package io.whizbang.runtime.projection;

import static io.whizbang.runtime.testfixtures.SpanRecorder.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.SpanRecorder;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A projection's backfill with an OpenTelemetry: a span per applied page, linked to the trace context stored with
 * its events (none for an event stored without one).
 */
class ProjectionTracingTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void eachBackfilledPageIsASpanLinkedToItsEventsTraceContexts() throws Exception {
    Instant at = Instant.parse("2026-06-01T00:00:00Z");
    try (SpanRecorder spans = new SpanRecorder();
        InMemoryTransport broker = new InMemoryTransport();
        OwnerService owner = new OwnerService(TestDb.H2).relayTo(broker);
        StorageFixture projectionDb = StorageFixture.create(TestDb.H2)) {
      owner.append("a", 0, List.of(traced(Deposits.deposited("a", 1, 10, at), "00f067aa0ba902b7"),
          traced(Deposits.deposited("a", 2, 10, at), "00f067aa0ba902b8"),
          untraced(Deposits.deposited("a", 3, 10, at)),
          traced(Deposits.deposited("a", 4, 10, at), "00f067aa0ba902b9"),
          traced(Deposits.deposited("a", 5, 10, at), "00f067aa0ba902ba")));
      AccountsProjection accounts = new AccountsProjection(projectionDb.storage());
      try (RunningProjection projection = ProjectionEngine.builder(projectionDb.storage(), broker)
          .registerDomain(Deposits.DOMAIN, owner.feedUri().toString().replace("/events", ""))
          .pageSize(2)
          .openTelemetry(spans.openTelemetry())
          .build()
          .start(new AccountsProjection_Dispatcher(accounts, "traced-accounts"))) {
        assertThat(projection.awaitLive(Duration.ofSeconds(30))).isTrue();
      }
      Predicate<SpanData> pages = s -> "backfill".equals(attribute(s, "messaging.operation.name"));
      List<SpanData> applied = spans.all(pages);
      assertThat(applied).as("pages of at most 2 events").hasSizeGreaterThanOrEqualTo(3);
      assertThat(applied.stream().mapToLong(s -> s.getAttributes()
          .get(AttributeKey.longKey("messaging.batch.message_count"))).sum()).isEqualTo(5);
      assertThat(applied).allSatisfy(s -> {
        assertThat(s.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(attribute(s, "messaging.consumer.group.name")).isEqualTo("traced-accounts");
        assertThat(s.getParentSpanContext().isValid()).isFalse();
        assertThat(s.getLinks()).allSatisfy(l -> assertThat(l.getSpanContext().getTraceId()).isEqualTo(TRACE));
      });
      assertThat(applied.stream().flatMap(s -> s.getLinks().stream()).map(LinkData::getSpanContext)
          .map(c -> c.getSpanId()).toList())
          .containsExactlyInAnyOrder("00f067aa0ba902b7", "00f067aa0ba902b8", "00f067aa0ba902b9", "00f067aa0ba902ba");
    }
  }

  private static Envelope traced(Envelope e, String spanId) {
    return withHeaders(e, Map.of("traceparent", "00-" + TRACE + "-" + spanId + "-01"));
  }

  private static Envelope untraced(Envelope e) {
    return withHeaders(e, Map.of());
  }

  private static Envelope withHeaders(Envelope e, Map<String, String> headers) {
    return new Envelope(e.messageId(), e.wireName(), e.domain(), e.partitionKey(), e.correlationId(), e.causationId(),
        e.occurredAt(), e.position(), headers, e.payload());
  }
}
