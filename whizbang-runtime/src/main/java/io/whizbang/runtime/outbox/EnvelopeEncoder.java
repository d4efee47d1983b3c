package io.whizbang.runtime.outbox;

import io.whizbang.runtime.envelope.Envelope;

/**
 * Turns an envelope into the bytes that cross the broker (the runtime's {@code EnvelopeCodec} in production). The
 * outbox stores these bytes once and the relay forwards them unchanged.
 */
@FunctionalInterface
public interface EnvelopeEncoder {
  byte[] encode(Envelope envelope);
}
