package io.whizbang.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.WhizbangConfigurationException;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import io.whizbang.runtime.testfixtures.FixtureCodecs;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.Messages.Unregistered;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import io.whizbang.runtime.transport.Destination;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageRouterTest {

  private final MessageRouter router = MessageRouter.of(List.of(new OrdersFixtureModule(),
      new ShippingFixtureModule()));

  private static WhizbangModule module(String name, MessageType<?>... types) {
    return new WhizbangModule() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<String> ownedDomains() {
        return List.of();
      }

      @Override
      public List<MessageType<?>> messageTypes() {
        return List.of(types);
      }
    };
  }

  @Test
  void findsTypesByJavaClassAndByWireName() {
    assertThat(router.typeOf(new PlaceOrder("o", "c", 0))).isSameAs(OrdersFixtureModule.PLACE_ORDER);
    assertThat(router.byWireName("orders.OrderPlaced")).containsSame(OrdersFixtureModule.ORDER_PLACED);
    assertThat(router.byWireName("orders.Nope")).isEmpty();
    assertThat(router.moduleOf("shipping.ShipOrder")).contains("shipping");
    assertThat(router.types()).hasSize(4);
  }

  @Test
  void commandsGoToTheOwnersQueueAndEventsToTheOwnersStream() {
    assertThat(router.destinationOf(OrdersFixtureModule.PLACE_ORDER)).isEqualTo(Destination.commands("orders"));
    assertThat(router.destinationOf(OrdersFixtureModule.ORDER_PLACED)).isEqualTo(Destination.events("orders"));
    assertThat(router.destinationOf(ShippingFixtureModule.SHIP_ORDER).conventionalName())
        .isEqualTo("whizbang.shipping.commands");
  }

  @Test
  void anUnknownJavaTypeNamesTheClassAndTheFix() {
    assertThatThrownBy(() -> router.typeOf(new Unregistered("x")))
        .isInstanceOf(UnknownMessageTypeException.class)
        .hasMessageContaining("No registered module declares " + Unregistered.class.getName())
        .hasMessageContaining("@OwnedBy").hasMessageContaining("annotation processor");
  }

  @Test
  void anEmptyRouterSaysNoModuleIsRegistered() {
    assertThatThrownBy(() -> MessageRouter.of(List.of()).typeOf(new PlaceOrder("o", "c", 0)))
        .hasMessageContaining("none (no module registered)");
  }

  @Test
  void oneJavaTypeUnderTwoWireNamesIsRefused() {
    MessageType<PlaceOrder> again = MessageType.command("orders.PlaceOrderV2", "orders", PlaceOrder.class,
        FixtureCodecs.PLACE_ORDER, PlaceOrder::orderId);
    assertThatThrownBy(() -> MessageRouter.of(List.of(new OrdersFixtureModule(), module("copy", again))))
        .isInstanceOf(WhizbangConfigurationException.class)
        .hasMessageContaining(PlaceOrder.class.getName() + " is declared twice");
  }

  @Test
  void theSameDeclarationReachedThroughTwoModulesIsAccepted() {
    MessageType<OrderPlaced> same = MessageType.event("orders.OrderPlaced", "orders", OrderPlaced.class,
        FixtureCodecs.ORDER_PLACED, OrderPlaced::orderId);
    MessageRouter r = MessageRouter.of(List.of(new OrdersFixtureModule(), module("lib", same)));
    assertThat(r.byWireName("orders.OrderPlaced")).containsSame(OrdersFixtureModule.ORDER_PLACED);
  }
}
