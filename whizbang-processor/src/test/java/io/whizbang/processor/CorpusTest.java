package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small projects of unusual but legal shapes. Each must compile with the generated code, without a crash of the
 * processor (WB199) and without any error: a user who writes legal Java gets working code or a clear message.
 */
class CorpusTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("projects")
  void compilesWithoutErrors(String name, List<JavaFileObject> sources) {
    Compilation compilation = Sources.compile(sources);

    assertThat(compilation.diagnostics()).noneMatch(d -> d.getMessage(null).contains("[WB199]"));
    assertThat(compilation.errors()).extracting(d -> d.getMessage(null)).isEmpty();
    assertThat(compilation).succeeded();
    assertThat(compilation.diagnostics()).noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
  }

  static Stream<Arguments> projects() {
    List<Arguments> projects = new ArrayList<>();
    projects.add(project("components named like generated names",
        message("FieldChanged", "String field, String in, String out, String value, String INSTANCE, "
            + "java.util.List<String> x, String x$codec, String X_CODEC, String hasX, String failure")));
    projects.add(project("components named like types",
        message("Typed", "java.util.Optional<String> Optional, String JsonValues, String Codecs, String String, "
            + "java.util.List<String> List, String Json, String CodecException, int test"),
        source("test.SKU", "package test; public enum SKU { A }"),
        message("Stock", "SKU sku, java.util.Map<SKU, Integer> SKU_CODEC")));
    projects.add(project("message named like runtime types",
        message("Envelope", "String id"), message("MessageType", "String id"), message("Json", "String id"),
        handler("Handlers", "Envelope", "MessageType", "Json")));
    projects.add(project("handler class named like a keyword", message("Placed", "String id"),
        handler("Default", "Placed")));
    projects.add(project("handler classes sharing a simple name", message("Placed", "String id"),
        source("test.a.Handlers", "package test.a; public final class Handlers {",
            "  @io.whizbang.annotations.Handles void on(test.Placed e) {} }"),
        source("test.b.Handlers", "package test.b; public final class Handlers {",
            "  @io.whizbang.annotations.Handles void on(test.Placed e) {} }"),
        source("test.Audit", "package test; public final class Audit { public static final class Log {",
            "  @io.whizbang.annotations.Handles void on(Placed e) {} } }"),
        handler("AuditLog", "Placed")));
    projects.add(project("no components", message("Pinged", "")));
    projects.add(project("recursive record",
        message("TreeGrown", "Node root"),
        source("test.Node", "package test; public record Node(String name, java.util.List<Node> children, "
            + "java.util.Optional<Node> parentCopy) {}")));
    projects.add(project("deeply nested types",
        source("test.Outer", "package test; public final class Outer { public static final class Middle {",
            "  @io.whizbang.annotations.OwnedBy(\"deep\")",
            "  public record Happened(Inner inner) implements io.whizbang.annotations.Event {",
            "    public record Inner(java.util.Map<String, java.util.List<Inner>> more) {} } } }")));
    projects.add(project("every supported value type",
        message("Everything", "boolean a, char b, byte c, short d, int e, long f, float g, double h, Boolean i, "
            + "Character j, Byte k, Short l, Integer m, Long n, Float o, Double p, String q, java.util.UUID r, "
            + "java.math.BigDecimal s, java.math.BigInteger t, java.time.Instant u, java.time.LocalDate v, "
            + "java.time.LocalTime w, java.time.LocalDateTime x, java.time.OffsetDateTime y, "
            + "java.time.ZonedDateTime z, java.time.Duration aa, java.time.Period ab, byte[] ac, int[] ad, "
            + "java.util.Set<java.util.UUID> ae, java.util.Map<Long, java.util.List<String>> af, "
            + "java.util.Optional<java.math.BigDecimal> ag")));
    projects.add(project("non-ASCII identifiers and wire name",
        source("test.Caf\u00e9", "package test;", "@io.whizbang.annotations.OwnedBy(\"orders\")",
            "@io.whizbang.annotations.WireName(\"orders.Caf\u00e9Ge\u00f6ffnet\")",
            "public record Caf\u00e9(String gr\u00f6\u00dfe, String \u540d\u524d) "
                + "implements io.whizbang.annotations.Event {}")));
    projects.add(project("enum and int partition keys",
        source("test.Region", "package test; public enum Region { EU { public String toString() { return \"x\"; } } }"),
        message("Moved", "@io.whizbang.annotations.PartitionKey Region region"),
        message("Counted", "@io.whizbang.annotations.PartitionKey int count")));
    projects.add(project("compact constructor and static members",
        source("test.Ordered", "package test;", "@io.whizbang.annotations.OwnedBy(\"orders\")",
            "public record Ordered(String sku, int quantity) implements io.whizbang.annotations.Event {",
            "  static final String SKU = \"sku\"; static int in() { return 0; }",
            "  public Ordered { if (quantity < 0) throw new IllegalArgumentException(); } }")));
    projects.add(project("overloaded handlers and context",
        message("Placed", "String id"), message("Cancelled", "String id"),
        source("test.Handlers", "package test;", "public final class Handlers {",
            "  @io.whizbang.annotations.Handles void on(Placed e) {}",
            "  @io.whizbang.annotations.Handles void on(Cancelled e, io.whizbang.runtime.dispatch.HandlerContext c) {}",
            "  void on(String notAHandler) {} }")));
    projects.add(project("service with aggregate and projection",
        source("test.package-info", "@io.whizbang.annotations.WhizbangService(name = \"orders\", owns = \"orders\")",
            "@io.whizbang.annotations.OwnedBy(\"orders\")", "package test;"),
        source("test.Placed", "package test; public record Placed(@io.whizbang.annotations.PartitionKey String id) "
            + "implements io.whizbang.annotations.Event {}"),
        source("test.Order", "package test;", "@io.whizbang.annotations.EventSourced",
            "public record Order(String id, int count) {",
            "  static Order initial(String id) { return new Order(id, 0); }",
            "  @io.whizbang.annotations.Applies Order on(Placed e) { return new Order(id, count + 1); } }"),
        source("test.Board", "package test;", "@io.whizbang.annotations.Projection(name = \"board\", source = \"orders\")",
            "final class Board { @io.whizbang.annotations.Handles void on(Placed e) {} }")));
    projects.add(project("service declared on a class, messages in sub-packages",
        source("app.App", "package app;",
            "@io.whizbang.annotations.WhizbangService(name = \"app\", owns = {\"orders\", \"billing\"})",
            "public final class App {}"),
        source("app.orders.Placed", "package app.orders;", "@io.whizbang.annotations.OwnedBy(\"orders\")",
            "public record Placed(String id) implements io.whizbang.annotations.Command {}"),
        source("app.billing.Handlers", "package app.billing; public final class Handlers {",
            "  @io.whizbang.annotations.Handles void on(app.orders.Placed c) {} }")));
    projects.add(project("nullable from several libraries",
        source("test.Nullable", "package test; @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE) "
            + "public @interface Nullable {}"),
        source("test.Maybe", "package test; @java.lang.annotation.Target(java.lang.annotation.ElementType.FIELD) "
            + "@interface Maybe {}"),
        message("Noted", "@Nullable String a, String b")));
    return projects.stream();
  }

  private static Arguments project(String name, JavaFileObject... sources) {
    return Arguments.of(name, List.of(sources));
  }

  private static JavaFileObject message(String name, String components) {
    return source("test." + name, "package test;", "@io.whizbang.annotations.OwnedBy(\"orders\")",
        "public record " + name + "(" + components + ") implements io.whizbang.annotations.Event {}");
  }

  private static JavaFileObject handler(String name, String... messages) {
    List<String> lines = new ArrayList<>(List.of("package test;", "public final class " + name + " {"));
    for (int i = 0; i < messages.length; i++) {
      lines.add("  @io.whizbang.annotations.Handles void on" + i + "(" + messages[i] + " m) {}");
    }
    lines.add("}");
    return source("test." + name, lines.toArray(String[]::new));
  }

  private static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }
}
