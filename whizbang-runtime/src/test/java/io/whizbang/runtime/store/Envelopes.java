package io.whizbang.runtime.store;

import io.whizbang.runtime.envelope.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** Test envelopes with readable payloads. */
final class Envelopes {
  private Envelopes() {}

  static Envelope event(String wireName, String key, String json) {
    UUID id = UUID.randomUUID();
    return new Envelope(id, wireName, "orders", key, id, null, Instant.now().truncatedTo(ChronoUnit.MILLIS),
        Envelope.NO_POSITION, Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
        json.getBytes(StandardCharsets.UTF_8));
  }

  static String payload(StoredEvent e) {
    return new String(e.envelope().payload(), StandardCharsets.UTF_8);
  }
}
