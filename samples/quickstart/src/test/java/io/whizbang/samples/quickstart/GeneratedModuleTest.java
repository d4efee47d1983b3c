package io.whizbang.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import io.whizbang.samples.quickstart.orders.OrderHandlers;
import io.whizbang.samples.quickstart.orders.OrderLine;
import io.whizbang.samples.quickstart.orders.OrderPlaced;
import io.whizbang.samples.quickstart.orders.OrderStats;
import io.whizbang.samples.quickstart.orders.OrderStatus;
import io.whizbang.samples.quickstart.orders.PlaceOrder;
import io.whizbang.samples.quickstart.shipping.ShipmentScheduled;
import io.whizbang.samples.quickstart.shipping.ShippingHandlers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generated module, codecs and dispatchers of the quickstart service, used as an application would. */
class GeneratedModuleTest {

  private static final Instant NOW = Instant.parse("2025-05-01T10:15:30Z");
  private static final UUID ORDER = UUID.fromString("0196a7a4-6b00-7000-8000-000000000001");

  private final OrderStats stats = new OrderStats();
  private final HandlerSet handlers = WhizbangModule_Quickstart.handlers(
      new OrderHandlers(Clock.fixed(NOW, ZoneOffset.UTC)), stats, new ShippingHandlers());

  @Test
  void serviceLoaderFindsTheModule() {
    List<WhizbangModule> modules = ServiceLoader.load(WhizbangModule.class).stream()
        .map(ServiceLoader.Provider::get).toList();

    assertThat(modules).extracting(WhizbangModule::name).contains("quickstart");
    WhizbangModule quickstart = modules.stream().filter(m -> m.name().equals("quickstart")).findFirst().orElseThrow();
    assertThat(quickstart).isInstanceOf(WhizbangModule_Quickstart.class);
    assertThat(quickstart.ownedDomains()).containsExactly("orders", "shipping");
  }

  @Test
  void theModuleListsEveryMessageTypeWithItsWireNameDomainAndKind() {
    Map<String, MessageType<?>> types = new WhizbangModule_Quickstart().messageTypes().stream()
        .collect(Collectors.toMap(MessageType::wireName, t -> t));

    assertThat(types).containsOnlyKeys("orders.PlaceOrder", "orders.OrderPlaced", "orders.OrderCancelled",
        "shipping.ShipmentScheduled.v1");
    assertThat(types.get("orders.PlaceOrder").kind()).isEqualTo(MessageType.Kind.COMMAND);
    assertThat(types.get("orders.PlaceOrder").javaType()).isEqualTo(PlaceOrder.class);
    assertThat(types.get("orders.OrderPlaced").kind()).isEqualTo(MessageType.Kind.EVENT);
    assertThat(types.get("shipping.ShipmentScheduled.v1").domain()).isEqualTo("shipping");
  }

  @Test
  @SuppressWarnings("unchecked")
  void thePartitionKeyIsTheAnnotatedComponent() {
    MessageType<PlaceOrder> placeOrder = (MessageType<PlaceOrder>) new WhizbangModule_Quickstart().messageTypes()
        .stream().filter(t -> t.javaType() == PlaceOrder.class).findFirst().orElseThrow();

    assertThat(placeOrder.partitionKeyOf(placeOrder())).isEqualTo(ORDER.toString());
    assertThat(placeOrder.partitionKeyOf(new PlaceOrder(null, "x", List.of(), Optional.empty()))).isNull();
  }

  @Test
  void aCommandIsDecodedAndHandledByItsHandler() throws Exception {
    RecordingContext context = dispatch("orders.PlaceOrder", Json.encode(PlaceOrder_codec(), placeOrder()));

    assertThat(context.published).containsExactly(new OrderPlaced(ORDER, "ada", placeOrder().lines(),
        new BigDecimal("7.50"), NOW, OrderStatus.PLACED));
  }

  @Test
  void anEventReachesEveryHandlerClassThatHandlesIt() throws Exception {
    OrderPlaced placed = new OrderPlaced(ORDER, "ada", placeOrder().lines(), new BigDecimal("7.50"), NOW,
        OrderStatus.PLACED);

    RecordingContext context = dispatch("orders.OrderPlaced",
        Json.encode(io.whizbang.samples.quickstart.orders.OrderPlaced_JsonCodec.INSTANCE, placed));

    assertThat(context.published).containsExactly(new ShipmentScheduled(ORDER, LocalDate.of(2025, 5, 3),
        Map.of("apple", 3, "pear", 1)));
    assertThat(stats.orders()).isEqualTo(1);
    assertThat(stats.revenue()).isEqualByComparingTo("7.50");
  }

  @Test
  void theProjectionDispatcherKnowsItsNameAndSource() {
    ProjectionDispatcher projection = handlers.dispatchers().stream()
        .filter(ProjectionDispatcher.class::isInstance).map(ProjectionDispatcher.class::cast)
        .findFirst().orElseThrow();

    assertThat(projection.projectionName()).isEqualTo("order-stats");
    assertThat(projection.sourceDomain()).isEqualTo("orders");
    assertThat(projection.wireNames()).containsExactly("orders.OrderPlaced");
    assertThat(projection.handlerName()).isEqualTo(OrderStats.class.getName());
  }

  @Test
  void anUnknownWireNameIsAClearError() {
    MessageDispatcher shipping = dispatcherFor("orders.OrderPlaced", false);

    assertThatThrownBy(() -> shipping.dispatch(envelope("orders.Nope", new byte[] {'{', '}'}),
        new RecordingContext(null)))
        .isInstanceOf(UnknownMessageTypeException.class)
        .hasMessageContaining("ShippingHandlers does not handle 'orders.Nope'")
        .hasMessageContaining("orders.OrderPlaced");
  }

  @Test
  void anUndecodablePayloadIsACodecErrorAndTheHandlerIsNotCalled() {
    MessageDispatcher orders = dispatcherFor("orders.PlaceOrder", false);
    RecordingContext context = new RecordingContext(null);

    assertThatThrownBy(() -> orders.dispatch(envelope("orders.PlaceOrder",
        "{\"orderId\":\"nope\"}".getBytes(StandardCharsets.UTF_8)), context))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("PlaceOrder.orderId");
    assertThat(context.published).isEmpty();
  }

  private RecordingContext dispatch(String wireName, byte[] payload) throws Exception {
    Envelope envelope = envelope(wireName, payload);
    RecordingContext context = new RecordingContext(envelope);
    for (MessageDispatcher dispatcher : handlers.dispatchers()) {
      if (dispatcher.wireNames().contains(wireName)) {
        dispatcher.dispatch(envelope, context);
      }
    }
    return context;
  }

  private MessageDispatcher dispatcherFor(String wireName, boolean projection) {
    return handlers.dispatchers().stream()
        .filter(d -> d.wireNames().contains(wireName) && (d instanceof ProjectionDispatcher) == projection)
        .findFirst().orElseThrow();
  }

  private static Envelope envelope(String wireName, byte[] payload) {
    return new Envelope(UUID.randomUUID(), wireName, wireName.substring(0, wireName.indexOf('.')), null,
        UUID.randomUUID(), null, NOW, Envelope.NO_POSITION, Map.of(), payload);
  }

  private static PlaceOrder placeOrder() {
    return new PlaceOrder(ORDER, "ada", List.of(new OrderLine("apple", 3, new BigDecimal("2.00")),
        new OrderLine("pear", 1, new BigDecimal("1.50"))), Optional.of("leave at the door"));
  }

  private static io.whizbang.runtime.codec.JsonCodec<PlaceOrder> PlaceOrder_codec() {
    return io.whizbang.samples.quickstart.orders.PlaceOrder_JsonCodec.INSTANCE;
  }
}
