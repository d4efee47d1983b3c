package io.whizbang.runtime.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BrokerHeadersTest {

  private static final UUID ID = UUID.fromString("01934f7e-1c2a-7abc-8def-0123456789ab");
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final UUID CORRELATION = UUID.fromString("01934f7e-0000-7000-8000-000000000001");

  @Test
  void carriesIdsTypeDomainAndTraceContext() {
    Envelope e = new Envelope(ID, "orders.OrderPlaced", "orders", "o-1", CORRELATION, ID,
        Instant.parse("2026-11-26T16:00:00Z"), -1,
        Map.of("traceparent", TRACEPARENT, "tracestate", "vendor=1", "private", "x"), "{}".getBytes());

    assertThat(BrokerHeaders.of(e)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "wb-message-id", ID.toString(),
        "wb-type", "orders.OrderPlaced",
        "wb-domain", "orders",
        "wb-partition-key", "o-1",
        "wb-correlation-id", CORRELATION.toString(),
        "wb-causation-id", ID.toString(),
        "wb-occurred-at", "2026-11-26T16:00:00Z",
        "traceparent", TRACEPARENT,
        "tracestate", "vendor=1"));
  }

  @Test
  void leavesOutWhatTheEnvelopeDoesNotHave() {
    Envelope e = new Envelope(ID, "orders.OrderPlaced", "orders", null, CORRELATION, null,
        Instant.parse("2026-11-26T16:00:00Z"), -1, Map.of(), "{}".getBytes());

    assertThat(BrokerHeaders.of(e)).doesNotContainKeys("wb-partition-key", "wb-causation-id", "traceparent");
  }
}
