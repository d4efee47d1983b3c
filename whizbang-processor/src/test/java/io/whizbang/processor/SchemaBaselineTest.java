package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The schema baseline's rules beyond one diagnostic each ({@link SchemaBaselineDiagnosticsTest}): the additive
 * changes that must pass, the rules that differ between commands and events, and changes inside nested records.
 * Each case compiles the message as it was, writes its schemas as the baseline, then compiles it as it is now.
 */
class SchemaBaselineTest {

  private static JavaFileObject invoiced(String components, String... more) {
    return message("Event", components, more);
  }

  private static JavaFileObject charge(String components, String... more) {
    return message("Command", components, more);
  }

  private static JavaFileObject message(String kind, String components, String... more) {
    String name = kind.equals("Event") ? "Invoiced" : "Charge";
    return JavaFileObjects.forSourceString("test." + name, String.join("\n",
        "package test;",
        "@io.whizbang.annotations.OwnedBy(\"billing\")",
        "public record " + name + "(@io.whizbang.annotations.PartitionKey String id, " + components + ")",
        "    implements io.whizbang.annotations." + kind + " {",
        "  @java.lang.annotation.Target(java.lang.annotation.ElementType.RECORD_COMPONENT)",
        "  @interface Nullable {}",
        "  public enum Currency { EUR, USD, CHF }",
        String.join("\n", more),
        "}"));
  }

  private static Compilation compile(JavaFileObject before, JavaFileObject... now) {
    return SchemaBaselines.compileAgainst(List.of(before), List.of(now));
  }

  @Test
  void theSameMessagesPass() {
    Compilation compilation = SchemaBaselines.compileAgainst(SchemaFixtures.BILLING, SchemaFixtures.BILLING);

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void newNullableAndOptionalComponentsPass() {
    assertThat(compile(invoiced("long cents"),
        invoiced("long cents, @Nullable String note, java.util.Optional<Currency> currency")))
        .succeededWithoutWarnings();
  }

  @Test
  void aNewMessagePasses() {
    assertThat(compile(invoiced("long cents"), invoiced("long cents"), charge("long cents")))
        .succeededWithoutWarnings();
  }

  @Test
  void aRenamedJavaTypeThatKeepsItsWireNamePasses() {
    JavaFileObject renamed = JavaFileObjects.forSourceString("test.InvoiceRaised", String.join("\n",
        "package test;",
        "@io.whizbang.annotations.OwnedBy(\"billing\") @io.whizbang.annotations.WireName(\"billing.Invoiced\")",
        "public record InvoiceRaised(@io.whizbang.annotations.PartitionKey String id, long cents)",
        "    implements io.whizbang.annotations.Event {}"));

    assertThat(compile(invoiced("long cents"), renamed)).succeededWithoutWarnings();
  }

  @Test
  void aCommandMayLoseAComponentOrLetARequiredOneBeAbsent() {
    // The owner reads commands: senders built against the baseline still send both, which it skips or reads.
    assertThat(compile(charge("long cents, String reason"), charge("@Nullable Long cents")))
        .succeededWithoutWarnings();
  }

  @Test
  void anEventMayNotLetARequiredComponentBeAbsent() {
    Compilation compilation = compile(invoiced("long cents, String reason"),
        invoiced("long cents, @Nullable String reason"));

    assertThat(compilation).hadErrorContaining("[WB183] 'reason' of test.Invoiced was required in the schema "
        + "baseline and may be absent or null now").inFile(compilation.sourceFiles().get(0))
        .onLineContaining("public record Invoiced");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aNewRequiredComponentOfACommandIsRefusedForItsSenders() {
    Compilation compilation = compile(charge("long cents"), charge("long cents, String reason"));

    assertThat(compilation).hadErrorContaining("[WB182] 'reason' of test.Charge is required but is not in the schema "
        + "baseline: commands from senders built against the baseline lack it and are refused");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void anAddedEnumConstantBreaksEventConsumersButNotTheOwnerOfACommand() {
    String fewer = "  public enum Money { EUR, USD }";
    String more = "  public enum Money { EUR, USD, CHF }";

    Compilation event = compile(invoiced("Money money", fewer), invoiced("Money money", more));
    assertThat(event).hadErrorContaining("[WB184] the constants of 'money' of test.Invoiced changed from the schema "
        + "baseline: added [CHF], which consumers built against the baseline refuse");
    assertThat(event).hadErrorCount(1);
    assertThat(compile(charge("Money money", fewer), charge("Money money", more))).succeededWithoutWarnings();
  }

  @Test
  void aChangeInsideANestedRecordIsReportedOnTheComponentHoldingIt() {
    String before = "  public record Line(String sku, int quantity) {}";
    String after = "  public record Line(String sku, long quantity) {}";

    Compilation compilation = compile(invoiced("java.util.List<Line> lines", before),
        invoiced("java.util.List<Line> lines", after));

    assertThat(compilation).hadErrorContaining("[WB181] 'lines[].quantity' of test.Invoiced was")
        .inFile(compilation.sourceFiles().get(0)).onLineContaining("public record Invoiced");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void recursiveRecordsAreComparedOnce() {
    String tree = "  public record Node(String name, java.util.List<Node> children) {}";
    String changed = "  public record Node(String name, java.util.List<Node> children, int depth) {}";

    assertThat(compile(invoiced("Node root", tree), invoiced("Node root", tree))).succeededWithoutWarnings();
    Compilation compilation = compile(invoiced("Node root", tree), invoiced("Node root", changed));
    assertThat(compilation).hadErrorContaining("[WB182] 'root.depth' of test.Invoiced is required");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aChangedMapKeyTypeIsAChangedType() {
    Compilation compilation = compile(invoiced("java.util.Map<String, Long> totals"),
        invoiced("java.util.Map<Currency, Long> totals"));

    assertThat(compilation).hadErrorContaining("[WB181] 'totals (keys)' of test.Invoiced was any string in the "
        + "schema baseline and is {\"enum\": [\"EUR\", \"USD\", \"CHF\"]} now");
    assertThat(compilation).hadErrorCount(1);
  }

  /** Invoiced at version 2 with {@code components}, its version-1 record and the upcaster from it. */
  private static JavaFileObject invoicedV2(String components, String upcast, String enumConstants) {
    return JavaFileObjects.forSourceString("test.Invoiced", String.join("\n",
        "package test;",
        "@io.whizbang.annotations.OwnedBy(\"billing\") @io.whizbang.annotations.MessageVersion(2)",
        "public record Invoiced(@io.whizbang.annotations.PartitionKey String id, " + components + ")",
        "    implements io.whizbang.annotations.Event {",
        "  public enum Currency { " + enumConstants + " }",
        "  @io.whizbang.annotations.MessageVersion(value = 1, of = Invoiced.class)",
        "  public record V1(String id, long cents, String reason, Currency money) {}",
        "  @io.whizbang.annotations.Upcasts",
        "  static Invoiced from(V1 old) {",
        "    return " + upcast + ";",
        "  }",
        "}"));
  }

  @Test
  void aNewVersionWithItsUpcasterMayChangeTheShapeOfAnEvent() {
    // Stored version-1 events are read through the upcaster; consumers are deployed with version 2 first.
    Compilation compilation = compile(invoiced("long cents, String reason, Currency money"),
        invoicedV2("String amount, long refundCents, Currency money",
            "new Invoiced(old.id(), Long.toString(old.cents()), 0, old.money())", "EUR, USD, CHF"));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void aNewVersionStillMayNotDropAnEnumConstantItsStoredEventsCarry() {
    Compilation compilation = compile(invoiced("long cents, String reason, Currency money"),
        invoicedV2("long cents, Currency money", "new Invoiced(old.id(), old.cents(), old.money())", "EUR, USD"));

    assertThat(compilation).hadErrorContaining("[WB184] the constants of 'money' of test.Invoiced changed from the"
        + " schema baseline: removed [CHF]");
  }

  @Test
  void aNewVersionStillMayNotMoveItsPartitionKey() {
    JavaFileObject moved = JavaFileObjects.forSourceString("test.Invoiced", String.join("\n",
        "package test;",
        "@io.whizbang.annotations.OwnedBy(\"billing\") @io.whizbang.annotations.MessageVersion(2)",
        "public record Invoiced(String id, @io.whizbang.annotations.PartitionKey String customer, long cents)",
        "    implements io.whizbang.annotations.Event {",
        "  @io.whizbang.annotations.MessageVersion(value = 1, of = Invoiced.class)",
        "  public record V1(String id, long cents) {}",
        "  @io.whizbang.annotations.Upcasts",
        "  static Invoiced from(V1 old) {",
        "    return new Invoiced(old.id(), \"unknown\", old.cents());",
        "  }",
        "}"));

    assertThat(compile(invoiced("long cents"), moved)).hadErrorContaining("[WB187]");
  }
}
