package io.whizbang.runtime.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.generated.MessageVersions;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import io.whizbang.runtime.routing.MessageRouter;
import io.whizbang.runtime.testfixtures.FixtureCodecs;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A producer stamps the version its codec writes in the {@code whizbang-version} header, and only above 1: the
 * envelopes of unversioned messages stay as they were (absent means 1).
 */
class EnvelopeVersionTest {

  @Test
  void aVersionTwoMessageCarriesItsVersionAndAVersionOneMessageNone() {
    Envelope versioned = factory(new VersionTwo()).event(new OrderPlaced("o-1", "ada", 1), null).envelope();
    Envelope plain = factory(FixtureCodecs.ORDER_PLACED).event(new OrderPlaced("o-1", "ada", 1), null).envelope();

    assertThat(versioned.headers()).containsEntry(MessageVersions.HEADER, "2");
    assertThat(MessageVersions.of(EnvelopeCodec.decode(EnvelopeCodec.encode(versioned)))).isEqualTo(2);
    assertThat(plain.headers()).doesNotContainKey(MessageVersions.HEADER);
    assertThat(MessageVersions.of(plain)).isEqualTo(1);
  }

  private static EnvelopeFactory factory(JsonCodec<OrderPlaced> codec) {
    MessageType<OrderPlaced> type = MessageType.event("orders.OrderPlaced", "orders", OrderPlaced.class, codec,
        OrderPlaced::orderId);
    WhizbangModule module = new WhizbangModule() {
      @Override
      public String name() {
        return "orders";
      }

      @Override
      public List<String> ownedDomains() {
        return List.of("orders");
      }

      @Override
      public List<MessageType<?>> messageTypes() {
        return List.of(type);
      }
    };
    return new EnvelopeFactory(MessageRouter.of(List.of(module)), "orders", Set.of("orders"), Clock.systemUTC());
  }

  /** The fixture's codec at version 2 (its older version is not needed to write). */
  private static final class VersionTwo implements JsonCodec<OrderPlaced> {
    @Override
    public int version() {
      return 2;
    }

    @Override
    public void write(JsonGenerator out, OrderPlaced value) throws IOException {
      FixtureCodecs.ORDER_PLACED.write(out, value);
    }

    @Override
    public OrderPlaced read(JsonParser in) throws IOException {
      return FixtureCodecs.ORDER_PLACED.read(in);
    }
  }
}
