package io.whizbang.runtime.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import io.whizbang.runtime.routing.MessageRouter;
import io.whizbang.runtime.testfixtures.FixtureCodecs;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.Messages.ShipOrder;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvelopeFactoryTest {

  private static final Instant NOW = Instant.parse("2026-11-26T16:00:00Z");
  private final MessageRouter router = MessageRouter.of(List.of(new OrdersFixtureModule(),
      new ShippingFixtureModule()));
  private final EnvelopeFactory factory = new EnvelopeFactory(router, "orders", Set.of("orders"),
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void sendOptionsOverrideTheTypesPriorityAndSetTheExpiryFromWhenTheMessageIsDue() {
    MessageRouter declared = MessageRouter.of(List.of(new WhizbangModule() {
      @Override
      public String name() {
        return "declared";
      }

      @Override
      public List<String> ownedDomains() {
        return List.of("shipping");
      }

      @Override
      public List<MessageType<?>> messageTypes() {
        return List.of(ShippingFixtureModule.SHIP_ORDER.withPriority(4).withTimeToLive(java.time.Duration.ofMinutes(5)));
      }
    }));
    EnvelopeFactory f = new EnvelopeFactory(declared, "orders", Set.of(), Clock.fixed(NOW, ZoneOffset.UTC));

    OutgoingEnvelope typeDefaults = f.command(new ShipOrder("o-1"), null);
    OutgoingEnvelope overridden = f.command(new ShipOrder("o-1"), null, io.whizbang.runtime.SendOptions.defaults()
        .priority(9).timeToLive(java.time.Duration.ofSeconds(30)).deliverAfter(java.time.Duration.ofHours(1)));

    assertThat(typeDefaults.priority()).isEqualTo(4);
    assertThat(typeDefaults.envelope().headers()).containsEntry("whizbang-expires-at", NOW.plusSeconds(300).toString());
    assertThat(typeDefaults.toOutgoingMessage().headers())
        .containsEntry(BrokerHeaders.EXPIRES_AT, NOW.plusSeconds(300).toString());
    assertThat(overridden.priority()).isEqualTo(9);
    assertThat(overridden.envelope().headers())
        .as("a scheduled message lives from its due time").containsEntry("whizbang-expires-at",
            NOW.plusSeconds(3600 + 30).toString());
    assertThat(BrokerHeaders.remainingMillis(overridden.toOutgoingMessage(),
        NOW.toEpochMilli() + 3600_000)).isEqualTo(30_000);
    assertThat(factory.command(new ShipOrder("o-1"), null).envelope().headers())
        .doesNotContainKey("whizbang-expires-at");
  }

  @Test
  void anOriginalCorrelatesWithItselfAndHasNoCause() {
    OutgoingEnvelope out = factory.command(new ShipOrder("o-1"), null);
    Envelope e = out.envelope();

    assertThat(e.messageId().version()).isEqualTo(7);
    assertThat(e.correlationId()).isEqualTo(e.messageId());
    assertThat(e.causationId()).isNull();
    assertThat(e.wireName()).isEqualTo("shipping.ShipOrder");
    assertThat(e.domain()).isEqualTo("shipping");
    assertThat(e.partitionKey()).isEqualTo("o-1");
    assertThat(e.occurredAt()).isEqualTo(NOW);
    assertThat(e.position()).isEqualTo(Envelope.NO_POSITION);
    assertThat(out.destination()).isEqualTo(Destination.commands("shipping"));
  }

  @Test
  void aConsequenceInheritsCorrelationTraceContextAndNamesItsCause() {
    Envelope cause = new Envelope(MessageIds.next(), "orders.PlaceOrder", "orders", "o-1", MessageIds.next(),
        null, NOW, -1, Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate", "v=1", "private", "not copied"),
        "{}".getBytes());

    Envelope e = factory.event(new OrderPlaced("o-1", "ada", 3), cause).envelope();

    assertThat(e.correlationId()).isEqualTo(cause.correlationId());
    assertThat(e.causationId()).isEqualTo(cause.messageId());
    assertThat(e.headers()).containsOnly(Map.entry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), Map.entry("tracestate", "v=1"));
  }

  @Test
  void thePayloadIsTheCodecsJsonAndThePriorityTheTypes() throws Exception {
    OutgoingEnvelope out = factory.event(new OrderPlaced("o-1", "Zoë 😀", 3), null);

    assertThat(new ObjectMapper().readTree(out.envelope().payload()))
        .isEqualTo(new ObjectMapper().readTree("{\"orderId\":\"o-1\",\"customer\":\"Zoë 😀\",\"seq\":3}"));
    assertThat(out.priority()).isEqualTo(3);
  }

  @Test
  void theOutgoingMessageCarriesTheEncodedEnvelopeAndBrokerHeaders() {
    OutgoingEnvelope out = factory.command(new PlaceOrder("o-7", "c", 1), null);

    OutgoingMessage m = out.toOutgoingMessage();

    assertThat(EnvelopeCodec.decode(m.body())).isEqualTo(out.envelope());
    assertThat(m.messageId()).isEqualTo(out.envelope().messageId());
    assertThat(m.wireName()).isEqualTo("orders.PlaceOrder");
    assertThat(m.partitionKey()).isEqualTo("o-7");
    assertThat(m.destination()).isEqualTo(Destination.commands("orders"));
    assertThat(m.headers()).containsEntry(BrokerHeaders.MESSAGE_ID, m.messageId().toString())
        .containsEntry(BrokerHeaders.TYPE, "orders.PlaceOrder");
  }

  @Test
  void anEventOfAnotherDomainCannotBePublished() {
    EnvelopeFactory shipping = new EnvelopeFactory(router, "shipping", Set.of("shipping"), Clock.systemUTC());
    assertThatThrownBy(() -> shipping.event(new OrderPlaced("o", "c", 0), null))
        .isInstanceOf(WhizbangException.class)
        .hasMessageContaining("Service 'shipping' cannot publish orders.OrderPlaced")
        .hasMessageContaining("this service owns [shipping]");
  }

  @Test
  void aTypeRegisteredWithTheWrongKindIsRefused() {
    MessageType<PlaceOrder> asEvent = new MessageType<>("orders.PlaceOrder", "orders", MessageType.Kind.EVENT,
        PlaceOrder.class, FixtureCodecs.PLACE_ORDER, PlaceOrder::orderId, 0);
    WhizbangModule broken = new WhizbangModule() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public List<String> ownedDomains() {
        return List.of();
      }

      @Override
      public List<MessageType<?>> messageTypes() {
        return List.of(asEvent);
      }
    };
    EnvelopeFactory f = new EnvelopeFactory(MessageRouter.of(List.of(broken)), "orders", Set.of("orders"),
        Clock.systemUTC());
    assertThatThrownBy(() -> f.command(new PlaceOrder("o", "c", 0), null))
        .isInstanceOf(WhizbangException.class)
        .hasMessageContaining("registered as event 'orders.PlaceOrder' and cannot be sent as a command");
  }
}
