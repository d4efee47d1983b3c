package io.whizbang.benchmarks.inbox;

import io.whizbang.benchmarks.WhizbangModule_Benchmarks;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** {@link StepRecorded} messages as they cross a broker: envelope bytes, encoded with the generated codec. */
public final class Steps {
  public static final MessageType<StepRecorded> TYPE = type();
  public static final int KEYS = 50;

  private Steps() {}

  @SuppressWarnings("unchecked")
  private static MessageType<StepRecorded> type() {
    return (MessageType<StepRecorded>) new WhizbangModule_Benchmarks().messageTypes().stream()
        .filter(t -> t.javaType() == StepRecorded.class).findFirst()
        .orElseThrow(() -> new IllegalStateException("StepRecorded is not in the generated module"));
  }

  public static String wireName() {
    return TYPE.wireName();
  }

  public static String domain() {
    return TYPE.domain();
  }

  public static String key(int n) {
    return "key-" + (n % KEYS);
  }

  /** The envelope of step {@code n} (its key: {@code n % KEYS}). */
  public static Envelope envelope(int n) {
    StepRecorded step = new StepRecorded(key(n), n);
    byte[] payload = Json.encode((JsonCodec<StepRecorded>) TYPE.codec(), step);
    return new Envelope(MessageIds.next(), TYPE.wireName(), TYPE.domain(), step.key(), UUID.randomUUID(), null,
        Instant.now(), Envelope.NO_POSITION, Map.of(), payload);
  }

  public static byte[] body(int n) {
    return EnvelopeCodec.encode(envelope(n));
  }

  /** Step {@code n} as the relay hands it to a broker. */
  public static OutgoingMessage outgoing(int n) {
    Envelope e = envelope(n);
    return new OutgoingMessage(e.messageId(), e.wireName(), Destination.events(e.domain()), e.partitionKey(), 0,
        BrokerHeaders.of(e), EnvelopeCodec.encode(e));
  }
}
