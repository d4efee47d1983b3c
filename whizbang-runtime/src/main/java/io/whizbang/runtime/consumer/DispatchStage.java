package io.whizbang.runtime.consumer;

import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.outgoing.MessagePublisher;
import io.whizbang.runtime.outgoing.OutgoingEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The innermost stage: calls every dispatcher of the subscriber that handles the wire name, then hands what the
 * handlers sent or published to the publisher and waits for it to be safe before the delivery is acknowledged.
 */
final class DispatchStage implements ConsumerStage {

  private final String subscriberId;
  private final Map<String, List<MessageDispatcher>> byWireName = new HashMap<>();
  private final EnvelopeFactory factory;
  private final MessagePublisher publisher;
  private final Duration publishTimeout;

  DispatchStage(String subscriberId, List<MessageDispatcher> dispatchers, EnvelopeFactory factory,
      MessagePublisher publisher, Duration publishTimeout) {
    this.subscriberId = subscriberId;
    for (MessageDispatcher d : dispatchers) {
      for (String wireName : d.wireNames()) {
        byWireName.computeIfAbsent(wireName, w -> new ArrayList<>(1)).add(d);
      }
    }
    this.factory = factory;
    this.publisher = publisher;
    this.publishTimeout = publishTimeout;
  }

  @Override
  public Disposition process(Incoming message, Chain next) throws Exception {
    Envelope envelope = message.envelope();
    List<MessageDispatcher> dispatchers = byWireName.get(envelope.wireName());
    if (dispatchers == null) {
      throw new UnknownMessageTypeException("Subscriber '" + subscriberId + "' received " + envelope.wireName()
          + " (message " + envelope.messageId() + "), which none of its handlers handles. Its subscription asked "
          + "for " + byWireName.keySet() + "; a broker that cannot filter by type delivered it anyway, or the "
          + "sender uses a newer version of the module.");
    }
    CollectingHandlerContext context = new CollectingHandlerContext(envelope, factory);
    for (MessageDispatcher dispatcher : dispatchers) {
      dispatcher.dispatch(envelope, context);
    }
    List<OutgoingEnvelope> produced = context.collected();
    if (!produced.isEmpty()) {
      awaitPublished(message.get(Incoming.PUBLISHER).orElse(publisher), produced, envelope);
    }
    return Disposition.ack();
  }

  private void awaitPublished(MessagePublisher target, List<OutgoingEnvelope> produced, Envelope cause)
      throws InterruptedException {
    try {
      target.publish(List.copyOf(produced)).get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new WhizbangException("Publishing the " + produced.size() + " message(s) produced while handling "
          + cause.wireName() + " " + cause.messageId() + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new WhizbangException("Publishing the " + produced.size() + " message(s) produced while handling "
          + cause.wireName() + " " + cause.messageId() + " was not confirmed within " + publishTimeout, e);
    }
  }
}
