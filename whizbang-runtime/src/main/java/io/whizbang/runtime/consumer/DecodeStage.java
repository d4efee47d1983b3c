package io.whizbang.runtime.consumer;

import io.whizbang.runtime.envelope.EnvelopeCodec;

/** Decodes the delivered bytes into the envelope later stages work on. */
final class DecodeStage implements ConsumerStage {
  @Override
  public Disposition process(Incoming message, Chain next) throws Exception {
    message.decoded(EnvelopeCodec.decode(message.delivery().body()));
    return next.proceed(message);
  }
}
