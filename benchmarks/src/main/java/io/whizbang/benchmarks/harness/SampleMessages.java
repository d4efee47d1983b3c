package io.whizbang.benchmarks.harness;

import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Envelopes and outgoing messages of a realistic size (a ~150-byte JSON payload), each with a new message id. */
public final class SampleMessages {
  private SampleMessages() {}

  public static byte[] payload(String key, long seq) {
    return ("{\"orderId\":\"" + key + "\",\"seq\":" + seq + ",\"customer\":\"customer-" + (seq % 97)
        + "\",\"total\":" + (seq % 1000) + ".25,\"currency\":\"EUR\",\"note\":\"benchmark order line\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  public static Envelope envelope(String domain, String wireName, String key, long seq) {
    return envelope(domain, wireName, key, payload(key, seq));
  }

  public static Envelope envelope(String domain, String wireName, String key, byte[] payload) {
    return new Envelope(MessageIds.next(), wireName, domain, key, UUID.randomUUID(), null, Instant.now(),
        Envelope.NO_POSITION, Map.of(), payload);
  }

  /** An event to {@code domain}'s events destination, encoded as the relay forwards it. */
  public static OutgoingMessage event(String domain, String wireName, String key, long seq) {
    Envelope envelope = envelope(domain, wireName, key, seq);
    return new OutgoingMessage(envelope.messageId(), wireName, Destination.events(domain), key, 0,
        BrokerHeaders.of(envelope), EnvelopeCodec.encode(envelope));
  }
}
