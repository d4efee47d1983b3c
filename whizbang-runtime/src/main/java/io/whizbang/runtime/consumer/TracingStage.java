package io.whizbang.runtime.consumer;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.internal.tracing.ConsumerTracing;
import io.whizbang.runtime.internal.tracing.InboxOutcome;
import io.whizbang.runtime.internal.tracing.MessageTrace;

/**
 * The span of each decoded message of a consumer without an inbox, current while the later stages and the handlers
 * run. Its outcome mirrors what the failure stage outside it makes of a failure: a message that can never be handled
 * is dropped, any other failure is released for redelivery. Added only to a traced service's consumers.
 */
final class TracingStage implements ConsumerStage {

  private final ConsumerTracing tracing;

  TracingStage(ConsumerTracing tracing) {
    this.tracing = tracing;
  }

  @Override
  public Disposition process(Incoming message, Chain next) throws Exception {
    MessageTrace trace = tracing.received(message.envelope());
    Disposition disposition;
    try (MessageTrace.Scope ignored = trace.current()) {
      disposition = next.proceed(message);
    } catch (Exception e) {
      trace.failed(e);
      boolean poison = e instanceof CodecException || e instanceof UnknownMessageTypeException;
      if (poison) {
        trace.outcome(InboxOutcome.DROPPED);
      }
      trace.end(!poison);
      throw e;
    }
    trace.end(!disposition.isAck());
    return disposition;
  }
}
