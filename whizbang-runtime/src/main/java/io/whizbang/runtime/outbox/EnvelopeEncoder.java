package io.whizbang.runtime.outbox;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;

/**
 * Turns an envelope into the bytes that cross the broker (the runtime's {@code EnvelopeCodec} in production). The
 * outbox stores these bytes once and the relay forwards them unchanged.
 */
@FunctionalInterface
public interface EnvelopeEncoder {
  byte[] encode(Envelope envelope);

  /** The wire format shared by every broker and the HTTP feed ({@link EnvelopeCodec#encode}). */
  static EnvelopeEncoder standard() {
    return EnvelopeCodec::encode;
  }
}
