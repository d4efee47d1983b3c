package io.whizbang.runtime.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.whizbang.runtime.internal.tracing.OtelTracing;
import io.whizbang.runtime.internal.tracing.TracedRelays;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.relay.ScriptedTransport.Outcome;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.SpanRecorder;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A traced relay's publish rounds on PostgreSQL: each a span linked to the producer span its rows stored, with an
 * error status for a round whose message the broker did not take, and a span of its own for the retry.
 */
class RelayTracingTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void aRoundThatFailsIsAnErrorSpanAndItsRetryAnotherSpanLinkedToTheSameProducer() throws Exception {
    try (SpanRecorder spans = new SpanRecorder();
        StorageFixture fixture = StorageFixture.create(TestDb.POSTGRES);
        ScriptedTransport transport = new ScriptedTransport();
        Relay relay = new Relay(fixture.storage(), transport, RelayTest.fast().relayId("traced").build())) {
      OutgoingMessage message = new OutgoingMessage(UUID.randomUUID(), "orders.OrderPlaced", Destination.events("orders"),
          "o-1", 0, Map.of("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01"),
          "{}".getBytes(StandardCharsets.UTF_8));
      transport.script((m, offered) -> offered == 0 ? Outcome.FAIL : Outcome.CONFIRM);
      fixture.storage().inTransaction(tx -> {
        new Outbox(fixture.storage()).append(tx, List.of(message));
        return null;
      });
      TracedRelays.trace(relay, OtelTracing.of(spans.openTelemetry(), transport.name()));
      relay.start();

      List<SpanData> rounds = spans.await(s -> "send".equals(SpanRecorder.attribute(s, "messaging.operation.type")),
          2, "a failed round and its retry");
      assertThat(rounds.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(rounds.get(0).getStatus().getDescription()).contains("1 of 1 not published");
      assertThat(rounds.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      assertThat(rounds).allSatisfy(round -> {
        assertThat(round.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(round.getName()).isEqualTo("send whizbang.orders.events");
        assertThat(SpanRecorder.attribute(round, "whizbang.relay.id")).isEqualTo(relay.id());
        assertThat(round.getLinks()).extracting(LinkData::getSpanContext)
            .extracting(c -> c.getTraceId() + "/" + c.getSpanId())
            .containsExactly(TRACE + "/00f067aa0ba902b7");
      });
    }
  }
}
