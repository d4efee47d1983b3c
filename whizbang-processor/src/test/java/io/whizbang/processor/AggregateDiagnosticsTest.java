package io.whizbang.processor;

import static io.whizbang.processor.BadInputs.assertOnlyError;

import org.junit.jupiter.api.Test;

/**
 * Every compile error about {@code @EventSourced} aggregates and their {@code @Applies} methods (WB160-WB174), as
 * {@link DiagnosticsTest} does for messages, handlers and services.
 */
class AggregateDiagnosticsTest {

  @Test
  void eventSourcedLocalRecord() {
    assertOnlyError("AggregateLocal", "WB160", "@io.whizbang.annotations.EventSourced",
        "@EventSourced type local class Order is local or anonymous");
  }

  @Test
  void eventSourcedInterface() {
    assertOnlyError("AggregateNotAClass", "WB160", "public interface Order",
        "@EventSourced type test.AggregateNotAClass.Order is an interface, not a record or class");
  }

  @Test
  void privateEventSourcedType() {
    assertOnlyError("AggregatePrivate", "WB160", "private record Order", "test.AggregatePrivate.Order is private");
  }

  @Test
  void invalidStreamCategoryIsReportedOnTheAnnotationValue() {
    assertOnlyError("InvalidCategory", "WB161", "@EventSourced(category = \"order stream\")",
        "\"order stream\" is not a valid stream category");
  }

  @Test
  void eventSourcedTypeWithoutInitialStateFactory() {
    assertOnlyError("AggregateWithoutInitial", "WB162", "public record Order(String id, long total)",
        "@EventSourced type test.AggregateWithoutInitial.Order has no initial-state factory",
        "declare 'static Order initial(String id)'");
  }

  @Test
  void initialStateFactoryThatIsNotStatic() {
    assertOnlyError("InitialNotStatic", "WB163", "Order initial(String id)",
        "initial-state factory Order.initial(...) is not static");
  }

  @Test
  void initialStateFactoryWithAWrongParameter() {
    assertOnlyError("InitialWrongParameter", "WB163", "static Order initial(java.util.UUID id)",
        "Order.initial(...) takes (java.util.UUID) instead of (String id)");
  }

  @Test
  void staticApplier() {
    assertOnlyError("ApplierStatic", "WB164", "static Order on(OrderPlaced event)",
        "@Applies method Order.on(...) is static");
  }

  @Test
  void applierWithTwoParametersIsReportedOnTheExtraOne() {
    assertOnlyError("ApplierTwoParameters", "WB165", "Order on(OrderPlaced event, String extra)",
        "@Applies method Order.on(...) has 2 parameters", "take exactly one parameter");
  }

  @Test
  void applierOfACommand() {
    assertOnlyError("ApplierParameterNotEvent", "WB166", "Order on(PlaceOrder command)",
        "the parameter of @Applies method Order.on(...) has type test.ApplierParameterNotEvent.PlaceOrder, "
            + "which is not an event");
  }

  @Test
  void voidApplierInARecord() {
    assertOnlyError("ApplierVoidInRecord", "WB167", "void on(OrderPlaced event)",
        "@Applies method Order.on(...) returns void", "return the next state (Order); a record cannot change");
  }

  @Test
  void oneEventAppliedTwice() {
    assertOnlyError("EventAppliedTwice", "WB168", "Order alsoOn(OrderPlaced event)",
        "OrderPlaced is applied twice in Order (by on and alsoOn)");
  }

  @Test
  void eventSourcedTypeWithoutAppliers() {
    assertOnlyError("AggregateWithoutAppliers", "WB169", "public record Order(String id, long total)",
        "@EventSourced type test.AggregateWithoutAppliers.Order has no @Applies methods");
  }

  @Test
  void appliesOutsideAnEventSourcedType() {
    assertOnlyError("AppliesOutsideAggregate", "WB170", "Order on(OrderPlaced event)",
        "@Applies method Order.on(...) is declared in test.AppliesOutsideAggregate.Order, which is not "
            + "@EventSourced");
  }

  @Test
  void aggregateApplyingEventsOfTwoDomains() {
    assertOnlyError("AggregateMixedDomains", "WB171", "Order on(ParcelSent event)",
        "Order applies OrderPlaced of domain \"orders\" and ParcelSent of domain \"shipping\"");
  }

  @Test
  void aggregateOfADomainTheServiceDoesNotOwn() {
    assertOnlyError("AggregateOutsideOwner", "WB172", "public record Order(String id, long total)",
        "Order applies events of domain \"orders\", which this service does not own (service \"billing\" owns "
            + "[billing])", "add \"orders\" to @WhizbangService(owns = ...)");
  }

  @Test
  void aggregateWhoseEventsAreKeyedByDifferentComponents() {
    assertOnlyError("PartitionKeysDiffer", "WB173", "Order on(CustomerCharged event)",
        "Order applies OrderPlaced keyed by 'orderId' and CustomerCharged keyed by 'customerId'");
  }

  @Test
  void twoAggregatesWithOneCategory() {
    assertOnlyError("DuplicateCategory", "WB174", "public record OrderHistory",
        "stream category \"orders.Order\" of test.DuplicateCategory.OrderHistory is already used by "
            + "test.DuplicateCategory.Order");
  }
}
