package io.whizbang.runtime;

import io.whizbang.runtime.core.WhizbangException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import io.whizbang.runtime.testfixtures.FixtureCodecs;
import io.whizbang.runtime.testfixtures.Journal;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.Messages.ShipOrder;
import io.whizbang.runtime.testfixtures.Messages.Unregistered;
import io.whizbang.runtime.testfixtures.OrderHandlers;
import io.whizbang.runtime.testfixtures.OrderHandlersFixtureDispatcher;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wiring mistakes are refused at build time with a message that says what to do. */
class WhizbangBuilderTest {

  private static HandlerSet handlers(MessageDispatcher... dispatchers) {
    return HandlerSet.of(List.of(dispatchers));
  }

  private static MessageDispatcher dispatcher(String name, String... wireNames) {
    return new MessageDispatcher() {
      @Override
      public String handlerName() {
        return name;
      }

      @Override
      public Set<String> wireNames() {
        return Set.of(wireNames);
      }

      @Override
      public void dispatch(Envelope envelope, HandlerContext context) {}
    };
  }

  private static ProjectionDispatcher projection(String name, String source, String... wireNames) {
    MessageDispatcher d = dispatcher(name + "-handler", wireNames);
    return new ProjectionDispatcher() {
      @Override
      public String projectionName() {
        return name;
      }

      @Override
      public String sourceDomain() {
        return source;
      }

      @Override
      public String handlerName() {
        return d.handlerName();
      }

      @Override
      public Set<String> wireNames() {
        return d.wireNames();
      }

      @Override
      public void dispatch(Envelope envelope, HandlerContext context) {}
    };
  }

  private static WhizbangModule module(String name, List<String> owns, MessageType<?>... types) {
    return new WhizbangModule() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<String> ownedDomains() {
        return owns;
      }

      @Override
      public List<MessageType<?>> messageTypes() {
        return List.of(types);
      }
    };
  }

  @Test
  void theServiceNameAndOwnershipDefaultToTheOneServiceModule() {
    try (Whizbang w = Whizbang.builder().module(new OrdersFixtureModule()).module(module("lib", List.of())).build()) {
      assertThat(w.serviceName()).isEqualTo("orders");
      assertThat(w.ownedDomains()).containsExactly("orders");
      assertThat(w.transport().name()).isEqualTo("in-memory");
    }
  }

  @Test
  void ownershipAddsUpFromModulesAndTheBuilder() {
    try (Whizbang w = Whizbang.builder().service("orders").owns("shipping").module(new OrdersFixtureModule())
        .build()) {
      assertThat(w.ownedDomains()).containsExactlyInAnyOrder("orders", "shipping");
    }
  }

  @Test
  void anotherServicesModuleContributesItsTypesButNotItsOwnership() {
    try (Whizbang w = Whizbang.builder().service("orders").module(new OrdersFixtureModule())
        .module(new ShippingFixtureModule()).build()) {
      assertThat(w.ownedDomains()).containsExactly("orders");
      assertThat(w.router().byWireName("shipping.ShipOrder")).isPresent();
    }
  }

  @Test
  void aServiceNameIsRequiredWhenTheModulesDoNotSayIt() {
    assertThatThrownBy(() -> Whizbang.builder().module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
        .build())
        .isInstanceOf(WhizbangConfigurationException.class)
        .hasMessageContaining(".service(\"...\")").hasMessageContaining("[orders, shipping]");
  }

  @Test
  void duplicateWireNamesAcrossModulesAreRefused() {
    MessageType<OrderPlaced> clash = MessageType.event("orders.PlaceOrder", "orders", OrderPlaced.class,
        FixtureCodecs.ORDER_PLACED, OrderPlaced::orderId);
    assertThatThrownBy(() -> Whizbang.builder().service("x").module(new OrdersFixtureModule())
        .module(module("other", List.of(), clash)).build())
        .isInstanceOf(WhizbangConfigurationException.class)
        .hasMessageContaining("Duplicate wire name 'orders.PlaceOrder'")
        .hasMessageContaining("module 'orders'").hasMessageContaining("module 'other'")
        .hasMessageContaining("@WireName");
  }

  @Test
  void theSameModuleRegisteredTwiceCountsOnce() {
    try (Whizbang w = Whizbang.builder().module(new OrdersFixtureModule()).module(new OrdersFixtureModule()).build()) {
      assertThat(w.router().types()).hasSize(2);
    }
  }

  @Test
  void modulesAreFoundThroughServiceLoader(@TempDir Path dir) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(WhizbangModule.class.getName()), OrdersFixtureModule.class.getName() + "\n"
        + ShippingFixtureModule.class.getName() + "\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        Whizbang w = Whizbang.builder().service("orders").modulesFrom(loader).build()) {
      assertThat(w.router().byWireName("orders.PlaceOrder")).isPresent();
      assertThat(w.router().byWireName("shipping.ShipOrder")).isPresent();
      assertThat(w.ownedDomains()).containsExactly("orders");
    }
  }

  @Test
  void aCommandHandledOutsideItsOwningDomainIsRefused() {
    assertThatThrownBy(() -> Whizbang.builder().service("billing").owns("billing").module(new ShippingFixtureModule())
        .handlers(handlers(dispatcher("billing-handlers", "shipping.ShipOrder"))).build())
        .isInstanceOf(WhizbangConfigurationException.class)
        .hasMessageContaining("billing-handlers handles command shipping.ShipOrder of domain 'shipping'")
        .hasMessageContaining(".owns(\"shipping\")");
  }

  @Test
  void twoHandlersForOneCommandAreRefused() {
    assertThatThrownBy(() -> Whizbang.builder().module(new OrdersFixtureModule())
        .handlers(handlers(dispatcher("a", "orders.PlaceOrder"), dispatcher("b", "orders.PlaceOrder"))).build())
        .isInstanceOf(WhizbangConfigurationException.class)
        .hasMessageContaining("Command orders.PlaceOrder has two handlers in service 'orders': a and b");
  }

  @Test
  void severalServiceHandlersMayHandleOneEvent() {
    try (Whizbang w = Whizbang.builder().service("watcher").module(new OrdersFixtureModule())
        .handlers(handlers(dispatcher("a", "orders.OrderPlaced"), dispatcher("b", "orders.OrderPlaced"))).build()) {
      assertThat(w.serviceName()).isEqualTo("watcher");
    }
  }

  @Test
  void aHandlerForAnUnregisteredWireNameIsRefused() {
    assertThatThrownBy(() -> Whizbang.builder().module(new OrdersFixtureModule())
        .handlers(handlers(dispatcher("h", "orders.Nope"))).build())
        .isInstanceOf(WhizbangConfigurationException.class)
        .hasMessageContaining("Handler h handles 'orders.Nope', but no registered module declares that wire name")
        .hasMessageContaining(".module(");
  }

  @Test
  void aProjectionHandlingACommandIsRefused() {
    assertThatThrownBy(() -> Whizbang.builder().module(new OrdersFixtureModule())
        .handlers(handlers(projection("totals", "orders", "orders.PlaceOrder"))).build())
        .isInstanceOf(WhizbangConfigurationException.class)
        .hasMessageContaining("Projection 'totals'").hasMessageContaining("handles command orders.PlaceOrder");
  }

  @Test
  void aProjectionHandlingAnotherDomainsEventIsRefused() {
    assertThatThrownBy(() -> Whizbang.builder().service("x").module(new OrdersFixtureModule())
        .module(new ShippingFixtureModule())
        .handlers(handlers(projection("totals", "shipping", "orders.OrderPlaced"))).build())
        .isInstanceOf(WhizbangConfigurationException.class)
        .hasMessageContaining("folds domain 'shipping' but handles orders.OrderPlaced of domain 'orders'");
  }

  @Test
  void twoProjectionsWithOneNameAreRefused() {
    assertThatThrownBy(() -> Whizbang.builder().module(new OrdersFixtureModule())
        .handlers(handlers(projection("totals", "orders", "orders.OrderPlaced"),
            projection("totals", "orders", "orders.OrderPlaced"))).build())
        .isInstanceOf(WhizbangConfigurationException.class)
        .hasMessageContaining("Projection name 'totals'").hasMessageContaining("another projection");
  }

  @Test
  void invalidNamesAreRefused() {
    assertThatThrownBy(() -> Whizbang.builder().service("Orders Service"))
        .isInstanceOf(WhizbangConfigurationException.class)
        .hasMessageContaining("Invalid service name 'Orders Service'");
    assertThatThrownBy(() -> Whizbang.builder().owns("my.domain"))
        .isInstanceOf(WhizbangConfigurationException.class).hasMessageContaining("Invalid domain 'my.domain'");
  }

  @Test
  void sendingAnUnregisteredTypeNamesTheClassAndWhatToDo() {
    try (Whizbang w = Whizbang.builder().module(new OrdersFixtureModule()).build()) {
      assertThatThrownBy(() -> w.send(new Unregistered("x")))
          .isInstanceOf(UnknownMessageTypeException.class)
          .hasMessageContaining(Unregistered.class.getName())
          .hasMessageContaining("@OwnedBy")
          .hasMessageContaining(".modulesFromClasspath()")
          .hasMessageContaining("orders.PlaceOrder");
    }
  }

  @Test
  void publishingAnEventOfAnotherDomainIsRefused() {
    try (Whizbang w = Whizbang.builder().service("shipping").module(new ShippingFixtureModule())
        .module(new OrdersFixtureModule()).owns("shipping").build()) {
      assertThatThrownBy(() -> w.publish(new OrderPlaced("o", "c", 0)))
          .isInstanceOf(WhizbangException.class)
          .hasMessageContaining("Service 'shipping' cannot publish orders.OrderPlaced")
          .hasMessageContaining("owning domain 'orders'")
          .hasMessageContaining("Send a command");
    }
  }

  @Test
  void sendingToAnotherDomainNeedsNoOwnership() {
    InMemoryTransport transport = new InMemoryTransport();
    try (Whizbang w = Whizbang.builder().service("client").module(new ShippingFixtureModule())
        .transport(transport).build()) {
      assertThat(w.send(new ShipOrder("o-1"))).succeedsWithin(java.time.Duration.ofSeconds(5));
    } finally {
      transport.close();
    }
  }

  @Test
  void aClosedServiceRefusesToSendOrStart() {
    Whizbang w = Whizbang.builder().module(new OrdersFixtureModule()).build();
    w.close();
    assertThatThrownBy(() -> w.send(new PlaceOrder("o", "c", 0))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(w::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    w.close(); // idempotent
  }

  @Test
  void aTransportTheBuilderCreatedIsClosedWithTheServiceButAGivenOneIsNot() {
    Whizbang own = Whizbang.builder().module(new OrdersFixtureModule()).build().start();
    own.close();
    assertThatThrownBy(() -> own.transport().publish(List.of())).isInstanceOf(IllegalStateException.class);

    InMemoryTransport shared = new InMemoryTransport();
    Whizbang borrowing = Whizbang.builder().module(new OrdersFixtureModule()).transport(shared)
        .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(new OrderHandlers(new Journal())))))
        .build().start();
    borrowing.close();
    assertThat(shared.publish(List.of())).isEmpty();
    shared.close();
  }
}
