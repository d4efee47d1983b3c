package io.whizbang.processor;

import static io.whizbang.processor.BadInputs.assertOnlyError;

import org.junit.jupiter.api.Test;

/**
 * Every compile error about message versions and their {@code @Upcasts} methods (WB190-WB196): its code, its text
 * and the line it points at, as {@link AggregateDiagnosticsTest} does for aggregates.
 */
class VersionDiagnosticsTest {

  @Test
  void versionBelowOneIsReportedOnTheValue() {
    assertOnlyError("VersionBelowOne", "WB190", "@MessageVersion(0)",
        "@MessageVersion on test.VersionBelowOne.OrderPlaced: version 0 is below 1");
  }

  @Test
  void anOlderVersionThatIsNotOlder() {
    assertOnlyError("VersionNotOlder", "WB190", "@MessageVersion(value = 2, of = OrderPlaced.class)",
        "@MessageVersion on test.VersionNotOlder.OrderPlacedV2: version 2 is not older than the version of "
            + "test.VersionNotOlder.OrderPlaced (2)");
  }

  @Test
  void aMessageNamingAnotherAsTheOneItIsAnOlderVersionOf() {
    assertOnlyError("VersionOfOnAMessage", "WB190", "@MessageVersion(value = 1, of = OrderPlaced.class)",
        "test.VersionOfOnAMessage.OrderShipped: it is a message itself");
  }

  @Test
  void aGapInTheChainIsReportedOnTheVersionWithoutAnUpcaster() {
    assertOnlyError("VersionWithoutUpcaster", "WB191", "public record OrderPlaced(",
        "test.VersionWithoutUpcaster.OrderPlaced is version 2 of test.VersionWithoutUpcaster.OrderPlaced but has "
            + "no @Upcasts method from version 1",
        "declare 'static OrderPlaced from(<the record of version 1> old)' in OrderPlaced");
  }

  @Test
  void twoRecordsOfOneVersion() {
    assertOnlyError("VersionDeclaredTwice", "WB192", "public record OrderPlacedV1(",
        "test.VersionDeclaredTwice.OrderPlacedV1 and test.VersionDeclaredTwice.OrderPlacedOld are both version 1 "
            + "of test.VersionDeclaredTwice.OrderPlaced");
  }

  @Test
  void twoUpcastersIntoOneVersionAreReportedOnTheSecond() {
    assertOnlyError("UpcastersTwice", "WB193", "static OrderPlaced inDollars(OrderPlacedV1 old)",
        "test.UpcastersTwice.OrderPlaced has two @Upcasts methods (OrderPlaced.from(...) and "
            + "OrderPlaced.inDollars(...))");
  }

  @Test
  void anUpcasterThatIsNotStatic() {
    assertOnlyError("UpcasterNotStatic", "WB194", "OrderPlaced from(OrderPlacedV1 old)",
        "@Upcasts method OrderPlaced.from(...) is not static");
  }

  @Test
  void anUpcasterOutsideEveryVersionRecord() {
    assertOnlyError("UpcasterOutsideVersions", "WB194", "static OrderPlaced from(String orderId)",
        "@Upcasts method Migrations.from(...) is declared in Migrations, which is not version 2 or later of a "
            + "message");
  }

  @Test
  void anUpcasterFromARecordThatIsNoOlderVersionIsReportedOnItsParameter() {
    assertOnlyError("UpcasterWrongParameter", "WB195", "static OrderPlaced from(Draft old)",
        "the parameter of @Upcasts method OrderPlaced.from(...) has type test.UpcasterWrongParameter.Draft, which "
            + "is not version 1 of test.UpcasterWrongParameter.OrderPlaced",
        "@MessageVersion(value = 1, of = OrderPlaced.class)");
  }

  @Test
  void anUpcasterThatReturnsAnOlderVersion() {
    assertOnlyError("UpcasterReturnsOlder", "WB196", "static OrderPlacedV1 from(OrderPlacedV1 old)",
        "@Upcasts method OrderPlaced.from(...) returns test.UpcasterReturnsOlder.OrderPlacedV1, not the record it "
            + "is declared in (OrderPlaced)");
  }
}
