package io.whizbang.cli;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The tests' messages: {@code billing.Charged {"key":..,"seq":..}} on the billing domain's events. */
final class Messages {
  static final String WIRE_NAME = "billing.Charged";
  static final Destination EVENTS = Destination.events("billing");

  private Messages() {}

  static OutgoingMessage charged(String key, int seq) {
    return to(EVENTS, key, seq);
  }

  static OutgoingMessage to(Destination destination, String key, int seq) {
    UUID id = UUID.randomUUID();
    Envelope e = new Envelope(id, WIRE_NAME, destination.domain(), key, id, null, Instant.now(),
        Envelope.NO_POSITION, Map.of(),
        ("{\"key\":\"" + key + "\",\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
    return new OutgoingMessage(id, WIRE_NAME, destination, key, 0, Map.of(), EnvelopeCodec.encode(e));
  }

  /** {@code key#seq} of a message built here. */
  static String label(byte[] body) {
    String payload = new String(EnvelopeCodec.decode(body).payload(), StandardCharsets.UTF_8);
    return payload.replaceAll(".*\"key\":\"([^\"]+)\",\"seq\":(\\d+).*", "$1#$2");
  }
}
