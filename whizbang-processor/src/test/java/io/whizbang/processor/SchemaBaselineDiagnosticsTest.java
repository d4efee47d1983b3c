package io.whizbang.processor;

import static io.whizbang.processor.BadInputs.assertOnlyError;

import org.junit.jupiter.api.Test;

/**
 * Every diagnostic of the schema baseline (WB180-WB188): each input under src/test/resources/bad/Baseline*
 * holds the message as it is now and, under before/, as it was when the baseline was written (the test writes the
 * baseline from it with the processor, as a user does), with exactly one breaking change between them.
 */
class SchemaBaselineDiagnosticsTest {

  @Test
  void removedRequiredComponentOfAnEvent() {
    assertOnlyError("BaselineComponentRemoved", "WB180", "public record Invoiced",
        "event test.Invoiced no longer has the required component 'currency' of the schema baseline",
        "keep writing the component until no consumer built against the baseline remains");
  }

  @Test
  void changedComponentType() {
    assertOnlyError("BaselineTypeChanged", "WB181", "String cents)",
        "'cents' of test.Invoiced was {\"type\": \"integer\", \"minimum\": -9223372036854775808, \"maximum\": "
            + "9223372036854775807} in the schema baseline and is {\"type\": \"string\"} now",
        "add a component with the new type beside the old one");
  }

  @Test
  void newRequiredComponent() {
    assertOnlyError("BaselineNewRequired", "WB182", "int dueDays)",
        "'dueDays' of test.Invoiced is required but is not in the schema baseline: the events written before it "
            + "(stored, or replayed from the feed) cannot be read", "mark it @Nullable or make it Optional");
  }

  @Test
  void optionalComponentBecameRequired() {
    assertOnlyError("BaselineRequirednessChanged", "WB183", "String note)",
        "'note' of test.Invoiced was optional in the schema baseline and is required now, so messages written "
            + "without it are refused");
  }

  @Test
  void removedEnumConstant() {
    assertOnlyError("BaselineEnumConstantRemoved", "WB184", "Currency currency)",
        "the constants of 'currency' of test.Invoiced changed from the schema baseline: removed [CHF]",
        "keep every constant of the baseline");
  }

  @Test
  void changedWireName() {
    assertOnlyError("BaselineWireNameChanged", "WB185", "public record Invoiced",
        "test.Invoiced is \"billing.Invoiced\" in the schema baseline but its wire name is \"billing.InvoiceIssued\" "
            + "now", "restore @WireName(\"billing.Invoiced\")");
  }

  @Test
  void changedOwner() {
    assertOnlyError("BaselineOwnerChanged", "WB186", "public record Invoiced",
        "test.Invoiced is event of domain \"billing\" in the schema baseline and event of domain \"accounts\" now",
        "declare a new message type instead");
  }

  @Test
  void changedPartitionKey() {
    assertOnlyError("BaselinePartitionKeyChanged", "WB187", "public record Invoiced",
        "test.Invoiced is partitioned by 'id' in the schema baseline and by 'customer' now",
        "keep @PartitionKey on the baseline's component");
  }

  @Test
  void unreadableBaseline() {
    assertOnlyError("BaselineUnreadable", "WB188", "public record Invoiced",
        "cannot be read: billing.Invoiced.schema.json is not JSON: expected a field name at offset 31",
        "point -Awhizbang.schemaBaseline at a folder of the .schema.json files");
  }
}
