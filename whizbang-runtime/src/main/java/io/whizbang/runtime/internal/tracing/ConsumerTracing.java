package io.whizbang.runtime.internal.tracing;

import io.whizbang.runtime.envelope.Envelope;

/** The spans of one subscription's handled messages: one per delivery, parented by the message's trace context. */
public interface ConsumerTracing {

  /** Starts the span of a delivered message; {@code envelope} null for bytes that are not an envelope. */
  MessageTrace received(Envelope envelope);
}
