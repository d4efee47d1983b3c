package io.whizbang.runtime.consumer;

/** Decodes the delivery, in whichever wire format it came, into the envelope later stages work on. */
final class DecodeStage implements ConsumerStage {
  @Override
  public Disposition process(Incoming message, Chain next) throws Exception {
    message.decoded(message.delivery().envelope());
    return next.proceed(message);
  }
}
