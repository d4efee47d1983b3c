package io.whizbang.runtime.transport.contract;

import io.whizbang.runtime.consumer.ConsumerPipeline;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.routing.MessageRouter;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Real envelopes with an expiry, and the consumer pipeline a service puts in front of its handlers: what the
 * contract needs to show that an expired message never reaches a handler on a broker.
 */
final class ExpiringEnvelopes {
  private ExpiringEnvelopes() {}

  /** A message whose envelope says it expires at {@code expiresAt}; its payload is {@code {"text": text}}. */
  static OutgoingMessage message(Destination destination, String wireName, String key, String text,
      Instant expiresAt) {
    UUID id = UUID.randomUUID();
    Envelope envelope = new Envelope(id, wireName, destination.domain(), key, id, null, Instant.now(),
        Envelope.NO_POSITION, Map.of(Envelope.EXPIRES_AT_HEADER, expiresAt.toString()),
        ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
    return new OutgoingMessage(id, wireName, destination, key, 0, BrokerHeaders.of(envelope),
        EnvelopeCodec.encode(envelope));
  }

  /** The standard consumer pipeline whose one handler adds each handled payload's text to {@code handled}. */
  static DeliveryHandler pipeline(String subscriberId, String wireName, List<String> handled) {
    MessageDispatcher recorder = new MessageDispatcher() {
      @Override
      public String handlerName() {
        return "recorder";
      }

      @Override
      public Set<String> wireNames() {
        return Set.of(wireName);
      }

      @Override
      public void dispatch(Envelope envelope, HandlerContext context) {
        String json = new String(envelope.payload(), StandardCharsets.UTF_8);   // {"text":"..."}
        handled.add(json.substring("{\"text\":\"".length(), json.length() - 2));
      }
    };
    return ConsumerPipeline.builder(subscriberId).dispatchers(List.of(recorder))
        .envelopeFactory(new EnvelopeFactory(MessageRouter.of(List.of()), subscriberId, Set.of(), Clock.systemUTC()))
        .publisher(messages -> CompletableFuture.completedFuture(null)).build();
  }
}
