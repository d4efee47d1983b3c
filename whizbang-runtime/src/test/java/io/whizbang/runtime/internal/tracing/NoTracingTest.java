package io.whizbang.runtime.internal.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.transport.Destination;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Without an OpenTelemetry: the incoming trace context carried on, and one shared instance for every hook. */
class NoTracingTest {
  private static final String PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @Test
  void theHandledMessagesTraceContextIsCarriedOnCheckedAndNothingElse() {
    Envelope cause = envelope(Map.of("traceparent", PARENT, "tracestate", "a=1", "other", "x"));
    assertThat(Tracing.NONE.created(cause, Destination.events("orders"), "orders.OrderPlaced", UUID.randomUUID(),
        UUID.randomUUID(), true)).containsOnly(Map.entry("traceparent", PARENT), Map.entry("tracestate", "a=1"));
    assertThat(Tracing.NONE.created(envelope(Map.of("traceparent", "garbage")), Destination.events("orders"),
        "orders.OrderPlaced", UUID.randomUUID(), UUID.randomUUID(), true)).isEmpty();
    assertThat(Tracing.NONE.created(null, Destination.commands("orders"), "orders.PlaceOrder", UUID.randomUUID(),
        UUID.randomUUID(), false)).isEmpty();
  }

  @Test
  void everyHookReturnsTheSharedInstanceSoNothingIsAllocatedPerMessage() {
    MessageTrace trace = Tracing.NONE.consumer("orders", List.of()).received(envelope(Map.of()));
    assertThat(trace).isSameAs(MessageTrace.NONE);
    assertThat(trace.current()).isSameAs(MessageTrace.NONE);
    assertThat(Tracing.NONE.relaying("relay", List.of())).isSameAs(MessageTrace.NONE);
    assertThat(Tracing.NONE.backfill("p", "orders").page(List.of())).isSameAs(MessageTrace.NONE);
    assertThat(Tracing.NONE.isNoop()).isTrue();
  }

  private static Envelope envelope(Map<String, String> headers) {
    return new Envelope(UUID.randomUUID(), "orders.PlaceOrder", "orders", "k", UUID.randomUUID(), null, Instant.now(),
        Envelope.NO_POSITION, headers, new byte[] {'{', '}'});
  }
}
