package io.whizbang.sqs;

import io.whizbang.runtime.envelope.BrokerHeaders;
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

/** Messages as the runtime publishes them: an encoded envelope and its broker headers. */
final class Messages {

  private Messages() {}

  static OutgoingMessage message(Destination destination, String wireName, String key, String payloadJson) {
    Envelope envelope = new Envelope(MessageIds.next(), wireName, destination.domain(), key, UUID.randomUUID(), null,
        Instant.now(), Envelope.NO_POSITION, Map.of("traceparent",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), payloadJson.getBytes(StandardCharsets.UTF_8));
    return new OutgoingMessage(envelope.messageId(), wireName, destination, key, 0, BrokerHeaders.of(envelope),
        EnvelopeCodec.encode(envelope));
  }

  static List<OutgoingMessage> numbered(Destination destination, String wireName, int count, int keys) {
    List<OutgoingMessage> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(message(destination, wireName, "k" + (i % keys), "{\"n\":" + i + "}"));
    }
    return out;
  }
}
