package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the golden files do not show: the processor option, a service that owns nothing, library records. */
class SchemaOutputTest {

  private static final String ASYNCAPI = "META-INF/whizbang/asyncapi.json";

  @TempDir
  Path dir;

  @Test
  void theAsyncApiVersionComesFromTheProcessorOption() {
    Compilation compilation = Sources.compileWithOptions(GoldenFilesTest.SHOP,
        List.of("-Awhizbang.asyncapiVersion=2.3.1"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(SchemaFixtures.file(compilation, ASYNCAPI)).contains("\"version\": \"2.3.1\"")
        .doesNotContain("0.0.0");
  }

  @Test
  void aServiceThatOwnsNoDomainOnlyReceivesItsEvents() {
    Compilation compilation = SchemaFixtures.compile(List.of(
        JavaFileObjects.forSourceLines("follower.package-info",
            "@io.whizbang.annotations.WhizbangService(name = \"follower\")",
            "package follower;"),
        JavaFileObjects.forSourceLines("follower.Followed",
            "package follower;",
            "@io.whizbang.annotations.OwnedBy(\"orders\")",
            "public record Followed(String id) implements io.whizbang.annotations.Event {}"),
        JavaFileObjects.forSourceLines("follower.Follower",
            "package follower;",
            "public final class Follower {",
            "  @io.whizbang.annotations.Handles void on(Followed event) {}",
            "}")));

    String document = SchemaFixtures.file(compilation, ASYNCAPI);
    assertThat(document).contains("the service \\\"follower\\\", which owns no domain")
        .contains("\"orders.events.receive\"").doesNotContain("\"orders.events.send\"");
  }

  @Test
  void aRecordFromALibraryIsAnObjectItsOwnSchemasDescribe() throws Exception {
    // The library is compiled with the processor: its record has a codec there, and its components are not read.
    Compilation library = Compiler.javac().withProcessors(Sources.processors()).compile(List.of(
        JavaFileObjects.forSourceLines("lib.Money",
            "package lib;",
            "public record Money(java.math.BigDecimal amount, String currency) {}"),
        JavaFileObjects.forSourceLines("lib.Paid",
            "package lib;",
            "@io.whizbang.annotations.OwnedBy(\"payments\")",
            "public record Paid(String id, Money money) implements io.whizbang.annotations.Event {}")));
    assertThat(library).succeededWithoutWarnings();
    List<File> classpath = LintAndLibrariesTest.classPathWith(library, dir);

    Compilation compilation = Compiler.javac().withProcessors(Sources.processors()).withClasspath(classpath)
        .compile(JavaFileObjects.forSourceLines("test.Refunded",
            "package test;",
            "@io.whizbang.annotations.OwnedBy(\"refunds\")",
            "public record Refunded(String id, lib.Money money) implements io.whizbang.annotations.Event {}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(SchemaFixtures.file(compilation, "META-INF/whizbang/schemas/refunds.Refunded.schema.json"))
        .contains("\"$ref\": \"#/$defs/lib.Money\"")
        .contains("\"lib.Money\": {\n      \"type\": \"object\",\n      \"description\": \"lib.Money, encoded by the "
            + "codec of the library that declares it\"");
  }
}
