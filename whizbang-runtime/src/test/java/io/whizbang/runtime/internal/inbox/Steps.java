package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the test messages: {@code test.Step {"key":..,"seq":..}}, numbered per key from 0. */
final class Steps {
  static final String WIRE_NAME = "test.Step";
  static final Destination DESTINATION = Destination.events("test");

  private Steps() {}

  static Envelope envelope(String key, int seq) {
    return envelope(WIRE_NAME, key, "{\"key\":\"" + key + "\",\"seq\":" + seq + "}");
  }

  static Envelope envelope(String wireName, String key, String payload) {
    UUID id = MessageIds.next();
    return new Envelope(id, wireName, "test", key, id, null, Instant.parse("2026-11-26T12:00:00Z"),
        Envelope.NO_POSITION, Map.of(), payload.getBytes(StandardCharsets.UTF_8));
  }

  static OutgoingMessage message(Envelope e) {
    return new OutgoingMessage(e.messageId(), e.wireName(), DESTINATION, e.partitionKey(), 0, Map.of(),
        EnvelopeCodec.encode(e));
  }

  static OutgoingMessage step(String key, int seq) {
    return message(envelope(key, seq));
  }

  /** {@code count} steps spread round-robin over {@code keys} keys. */
  static List<OutgoingMessage> spread(int count, int keys) {
    List<OutgoingMessage> out = new ArrayList<>(count);
    int[] next = new int[keys];
    for (int i = 0; i < count; i++) {
      int k = i % keys;
      out.add(step("key-" + k, next[k]++));
    }
    return out;
  }
}
