package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Handlers get the inbox transaction, and what they publish goes to the outbox in it. */
class HandlerTransactionTest {

  /** The event a step handler publishes. */
  record Stepped(String key, int seq) implements Event {}

  /** Encodes {@link Stepped} as the service's envelope factory would. */
  static final OutgoingFactory FACTORY = new OutgoingFactory() {
    @Override
    public OutgoingMessage command(Command command, Envelope cause) {
      throw new UnsupportedOperationException();
    }

    @Override
    public OutgoingMessage event(Event event, Envelope cause) {
      Stepped s = (Stepped) event;
      var id = MessageIds.next();
      Envelope e = new Envelope(id, "test.Stepped", "test", s.key(), cause.correlationId(), cause.messageId(),
          Instant.now(), Envelope.NO_POSITION, Map.of(),
          ("{\"key\":\"" + s.key() + "\",\"seq\":" + s.seq() + "}").getBytes(StandardCharsets.UTF_8));
      return new OutgoingMessage(id, e.wireName(), Destination.events("test"), s.key(), 0, Map.of(),
          EnvelopeCodec.encode(e));
    }
  };

  /** Records the step with Jdbi and publishes Stepped; fails after publishing when told to. */
  static final class PublishingDispatcher implements MessageDispatcher {
    final String effects;
    volatile boolean failAfterPublish;

    PublishingDispatcher(String effects) {
      this.effects = effects;
    }

    @Override
    public String handlerName() {
      return "PublishingHandlers";
    }

    @Override
    public Set<String> wireNames() {
      return Set.of(Steps.WIRE_NAME);
    }

    @Override
    public void dispatch(Envelope envelope, HandlerContext context) {
      StepDispatcher.Step step = StepDispatcher.decode(envelope.payload());
      context.handle().createUpdate("insert into " + effects + " (k, seq, message_id) values (:k, :seq, :id)")
          .bind("k", step.key()).bind("seq", step.seq()).bind("id", envelope.messageId()).execute();
      context.publish(new Stepped(step.key(), step.seq()));
      if (failAfterPublish) {
        throw new IllegalStateException("failed after publishing");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void publishedEventsAreWrittenToTheOutboxInTheHandlersTransactionWithCorrelationAndCausation(TestDb db)
      throws Exception {
    try (InboxFixture f = new InboxFixture(db)) {
      PublishingDispatcher dispatcher = new PublishingDispatcher(f.effects);
      InboxConsumer consumer = InboxConsumer.builder(f.storage.storage(), "svc").dispatchers(List.of(dispatcher))
          .outgoing(FACTORY).config(InboxConfig.builder()
              .retryPolicy(InboxConfig.RetryPolicy.builder().maxAttempts(1).build()).build())
          .build();
      Envelope cause = Steps.envelope("k", 1);

      dispatcher.failAfterPublish = true;
      consumer.handle(List.of(TestDelivery.of(cause)));
      String outbox = StorageInternals.tables(f.storage.storage()).outbox();
      assertThat(f.storage.count("select count(*) from " + outbox)).as("rolled back with the handler").isZero();
      assertThat(f.effectCount()).isZero();

      dispatcher.failAfterPublish = false;
      consumer.deadLetters().replay(consumer.deadLetters().list(0, 1).get(0).id());

      assertThat(f.effectCount()).isEqualTo(1);
      List<Envelope> published = new ArrayList<>();
      try (Connection c = f.storage.connection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("select body from " + outbox)) {
        while (r.next()) {
          published.add(EnvelopeCodec.decode(r.getBytes(1)));
        }
      }
      assertThat(published).hasSize(1);
      assertThat(published.get(0).wireName()).isEqualTo("test.Stepped");
      assertThat(published.get(0).correlationId()).isEqualTo(cause.correlationId());
      assertThat(published.get(0).causationId()).isEqualTo(cause.messageId());
      consumer.close();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void outboxRelayAndInboxCarryAMessageFromOneServiceToTheNextExactlyOnce(TestDb db) {
    try (InboxFixture f = new InboxFixture(db); InMemoryTransport transport = new InMemoryTransport()) {
      PublishingDispatcher first = new PublishingDispatcher(f.effects);
      InboxConsumer upstream = InboxConsumer.builder(f.storage.storage(), "upstream")
          .dispatchers(List.of(first)).outgoing(FACTORY).config(InboxConfig.builder().maxBatch(20).build()).build();
      List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
      MessageDispatcher downstreamHandler = new MessageDispatcher() {
        @Override
        public String handlerName() {
          return "Downstream";
        }

        @Override
        public Set<String> wireNames() {
          return Set.of("test.Stepped");
        }

        @Override
        public void dispatch(Envelope envelope, HandlerContext context) {
          received.add(new String(envelope.payload(), StandardCharsets.UTF_8));
        }
      };
      InboxConsumer downstream = InboxConsumer.builder(f.storage.storage(), "downstream")
          .dispatchers(List.of(downstreamHandler)).build();
      try (Subscription up = upstream.subscribe(transport,
              List.of(new SubscriptionRequest.Source(Steps.DESTINATION, Set.of(Steps.WIRE_NAME))), 2);
          Subscription down = downstream.subscribe(transport,
              List.of(new SubscriptionRequest.Source(Destination.events("test"), Set.of("test.Stepped"))), 2);
          Relay relay = new Relay(f.storage.storage(), transport,
              RelayConfig.builder().publishInterval(Duration.ofMillis(50)).build())) {
        relay.start();
        List<OutgoingMessage> steps = Steps.spread(200, 10);
        transport.publish(steps);
        transport.publish(steps.subList(0, 50)); // published twice upstream

        Await.until(Duration.ofSeconds(60), () -> "200 received downstream, got " + received.size(),
            () -> received.size() >= 200 && downstream.stats().handled() == 200
                && upstream.stats().duplicates() == 50);
      }
      assertThat(f.effectCount()).isEqualTo(200);
      assertThat(upstream.stats().duplicates()).isEqualTo(50);
      assertThat(Set.copyOf(received)).hasSize(200);
      assertThat(received).hasSize(200);
      upstream.close();
      downstream.close();
    }
  }
}
