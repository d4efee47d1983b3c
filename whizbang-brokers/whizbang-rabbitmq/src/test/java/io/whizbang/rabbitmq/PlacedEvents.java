package io.whizbang.rabbitmq;

import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.testfixtures.AppliedEvents;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Events as the runtime writes them to the outbox (an encoded envelope plus broker headers), numbered per key. */
final class PlacedEvents {

  static final String WIRE_NAME = "orders.Placed";

  private PlacedEvents() {}

  /** Event number {@code seq} of key {@code key}. */
  static OutgoingMessage placed(String domain, String key, int seq) {
    byte[] payload = ("{\"k\":\"" + key + "\",\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
    Envelope envelope = new Envelope(MessageIds.next(), WIRE_NAME, domain, key, UUID.randomUUID(), null,
        Instant.now(), Envelope.NO_POSITION, Map.of(), payload);
    return new OutgoingMessage(envelope.messageId(), WIRE_NAME, Destination.events(domain), key, 0,
        BrokerHeaders.of(envelope), EnvelopeCodec.encode(envelope));
  }

  /** The key and sequence number of an event {@link #placed(String, String, int)} wrote. */
  static AppliedEvents.Applied read(Envelope envelope) {
    String json = new String(envelope.payload(), StandardCharsets.UTF_8);
    String key = json.substring(json.indexOf("\"k\":\"") + 5, json.indexOf("\","));
    int seq = Integer.parseInt(json.substring(json.indexOf("\"seq\":") + 6, json.indexOf('}')));
    return new AppliedEvents.Applied(key, seq);
  }
}
