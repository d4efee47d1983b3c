package io.whizbang.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import java.lang.reflect.RecordComponent;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds that differ from the default: a source encoding that is not UTF-8, and a named module (JPMS). */
class EncodingAndModulesTest {

  @TempDir Path dir;

  /**
   * With {@code -encoding US-ASCII} (as a platform charset of {@code LC_ALL=C} gives on JDK 17), a generated file
   * with non-ASCII characters would be written with '?' in their place: the identifier {@code café} no longer
   * compiles and the wire name {@code orders.CaféOpened} silently becomes {@code orders.Caf?Opened}.
   */
  @Test
  void nonAsciiNamesSurviveANonUtf8SourceEncoding() throws Exception {
    DiskProject project = new DiskProject(dir)
        .write("shop/Opened.java",
            "package shop;",
            "@io.whizbang.annotations.OwnedBy(\"orders\")",
            "@io.whizbang.annotations.WireName(\"orders.Caf\\u00e9Opened\")",
            "public record Opened(String caf\\u00e9, String \\u540d\\u524d) implements io.whizbang.annotations.Event {}");

    DiskProject.Result result = project.compileAll("-encoding", "US-ASCII");

    assertThat(result.success()).as(result.all()).isTrue();
    assertThat(project.generatedSource("shop.Opened_JsonCodec")).isEqualTo(
        new String(project.generatedSource("shop.Opened_JsonCodec").getBytes(StandardCharsets.US_ASCII),
            StandardCharsets.US_ASCII)).contains("caf\\u00e9");
    try (URLClassLoader loader = project.load()) {
      WhizbangModule module = (WhizbangModule) loader.loadClass("shop.WhizbangModule_Shop")
          .getDeclaredConstructor().newInstance();
      MessageType<?> type = module.messageTypes().get(0);
      assertThat(type.wireName()).isEqualTo("orders.Caf\u00e9Opened");
      Object event = type.javaType().getDeclaredConstructors()[0].newInstance("cr\u00e8me", "\u540d");
      @SuppressWarnings("unchecked") JsonCodec<Object> codec = (JsonCodec<Object>) type.codec();
      String json = new String(Json.encode(codec, event), StandardCharsets.UTF_8);
      assertThat(json).isEqualTo("{\"caf\u00e9\":\"cr\u00e8me\",\"\u540d\u524d\":\"\u540d\"}");
      assertThat(Json.decode(codec, json.getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
      assertThat(List.of(type.javaType().getRecordComponents()).stream().map(RecordComponent::getName))
          .containsExactly("caf\u00e9", "\u540d\u524d");
    }
  }

  /**
   * A named module reads {@code javax.annotation.processing.Generated} only when it requires java.compiler; the
   * generated classes carry the annotation only then, and compile either way.
   */
  @Test
  void aNamedModuleWithoutJavaCompilerGetsClassesWithoutGenerated() {
    DiskProject project = modularProject("");

    DiskProject.Result result = project.compileAll();

    assertThat(result.success()).as(result.all()).isTrue();
    assertThat(project.generatedSource("shop.Placed_JsonCodec")).doesNotContain("@Generated");
    assertThat(project.generatedSource("shop.WhizbangModule_Shop")).doesNotContain("@Generated");
  }

  @Test
  void aNamedModuleThatRequiresJavaCompilerGetsGenerated() {
    DiskProject project = modularProject("  requires static java.compiler;");

    DiskProject.Result result = project.compileAll();

    assertThat(result.success()).as(result.all()).isTrue();
    assertThat(project.generatedSource("shop.Placed_JsonCodec")).contains("@Generated(");
  }

  private DiskProject modularProject(String extraRequires) {
    return new DiskProject(dir)
        .write("module-info.java",
            "module shop {",
            "  requires io.whizbang.annotations;",
            "  requires io.whizbang.runtime;",
            "  requires com.fasterxml.jackson.core;",
            extraRequires,
            "  provides io.whizbang.runtime.module.WhizbangModule with shop.WhizbangModule_Shop;",
            "}")
        .write("shop/package-info.java",
            "@io.whizbang.annotations.WhizbangService(name = \"shop\", owns = \"orders\")",
            "@io.whizbang.annotations.OwnedBy(\"orders\")",
            "package shop;")
        .write("shop/Placed.java",
            "package shop;",
            "public record Placed(@io.whizbang.annotations.PartitionKey String id) implements "
                + "io.whizbang.annotations.Event {}")
        .write("shop/Handlers.java",
            "package shop;",
            "public final class Handlers {",
            "  @io.whizbang.annotations.Handles void on(Placed event) {}",
            "}");
  }
}
