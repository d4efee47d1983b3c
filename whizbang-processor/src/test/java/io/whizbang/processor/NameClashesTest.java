package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Names a user may choose freely, which the generated code must not trip over: components called like the
 * codec's own fields and locals, handler classes whose parameter names clash, nested and top-level types.
 */
class NameClashesTest {

  @Test
  void componentsNamedLikeTheCodecsOwnFieldsAndLocals() {
    Compilation compilation = Sources.compile(List.of(source("test.FieldChanged",
        "package test;",
        "@io.whizbang.annotations.OwnedBy(\"audit\")",
        "public record FieldChanged(String field, String in, String INSTANCE, java.util.List<String> x,",
        "    String x$codec, String X_CODEC, String x$seen, Integer hasIn, String out, String value)",
        "    implements io.whizbang.annotations.Event {}")));

    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    Object event = classes.record("test.FieldChanged", "name", "a", "b", List.of("c"), "d", "e", "f", 7, "g", "h");
    assertThat(classes.roundTrip("test.FieldChanged_JsonCodec", event)).isEqualTo(event);
  }

  @Test
  void handlerClassNamedLikeAKeyword() {
    Compilation compilation = Sources.compile(List.of(EVENT, source("test.Default",
        "package test;",
        "public final class Default {",
        "  @io.whizbang.annotations.Handles void on(Placed event) {}",
        "}")));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Sources.generated(compilation, "test.WhizbangModule_Test")).contains("handlers(Default default_)");
  }

  @Test
  void handlerClassesWithOneSimpleNameInTwoPackages() {
    Compilation compilation = Sources.compile(List.of(EVENT,
        source("test.orders.Handlers",
            "package test.orders;",
            "public final class Handlers {",
            "  @io.whizbang.annotations.Handles void on(test.Placed event) {}",
            "}"),
        source("test.billing.Handlers",
            "package test.billing;",
            "public final class Handlers {",
            "  @io.whizbang.annotations.Handles void on(test.Placed event) {}",
            "}"),
        source("test.Audit",
            "package test;",
            "public final class Audit {",
            "  public static final class Log {",
            "    @io.whizbang.annotations.Handles void on(Placed event) {}",
            "  }",
            "}"),
        source("test.AuditLog",
            "package test;",
            "public final class AuditLog {",
            "  @io.whizbang.annotations.Handles void on(Placed event) {}",
            "}")));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Sources.generated(compilation, "test.WhizbangModule_Test")).contains(
        "Handlers ordersHandlers", "test.billing.Handlers billingHandlers", "Audit.Log testAuditLog",
        "AuditLog testAuditLog_");
  }

  @Test
  void nestedTypeBesideATopLevelTypeOfAnotherName() {
    Compilation compilation = Sources.compile(List.of(source("test.Order",
        "package test;",
        "@io.whizbang.annotations.OwnedBy(\"orders\")",
        "public record Order(String id, Line line, OrderLine other) implements io.whizbang.annotations.Event {",
        "  public record Line(String sku) {}",
        "}",
        "record OrderLine(String sku) {}")));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.Order_Line_JsonCodec").isNotNull();
    assertThat(compilation).generatedSourceFile("test.OrderLine_JsonCodec").isNotNull();
  }

  static final JavaFileObject EVENT = source("test.Placed",
      "package test;",
      "@io.whizbang.annotations.OwnedBy(\"orders\")",
      "public record Placed(String id) implements io.whizbang.annotations.Event {}");

  static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }
}
