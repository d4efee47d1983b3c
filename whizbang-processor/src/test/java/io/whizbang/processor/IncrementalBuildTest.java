package io.whizbang.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds that recompile only some sources, as IDEs and incremental builds do: the earlier output is on the class
 * path and only the changed files are passed to javac. The module must come out complete and the result must run.
 */
class IncrementalBuildTest {

  @TempDir Path dir;
  DiskProject project;

  @BeforeEach
  void fullBuild() {
    project = new DiskProject(dir)
        .write("shop/package-info.java",
            "@io.whizbang.annotations.WhizbangService(name = \"shop\", owns = \"orders\")",
            "@io.whizbang.annotations.OwnedBy(\"orders\")",
            "package shop;")
        // No Whizbang annotation of its own: the domain comes from package-info.
        .write("shop/Placed.java",
            "package shop;",
            "public record Placed(String id) implements io.whizbang.annotations.Event {}")
        .write("shop/Handlers.java",
            "package shop;",
            "public final class Handlers {",
            "  public final java.util.List<Object> seen = new java.util.ArrayList<>();",
            "  @io.whizbang.annotations.Handles void on(Placed event) { seen.add(event); }",
            "}");
    DiskProject.Result full = project.compileAll();
    assertThat(full.success()).as(full.all()).isTrue();
  }

  @Test
  void recompilingOnlyAHandlerKeepsTheMessageTypesInTheModule() throws Exception {
    project.write("shop/Handlers.java",
        "package shop;",
        "public final class Handlers {",
        "  public final java.util.List<Object> seen = new java.util.ArrayList<>();",
        "  @io.whizbang.annotations.Handles void on(Placed event) { seen.add(\"edited:\" + event.id()); }",
        "}");

    DiskProject.Result result = project.compile(List.of("shop/Handlers.java"), List.of());

    assertThat(result.success()).as(result.all()).isTrue();
    try (URLClassLoader loader = project.load()) {
      WhizbangModule module = module(loader);
      assertThat(module.ownedDomains()).containsExactly("orders");
      assertThat(module.messageTypes()).extracting(MessageType::wireName).containsExactly("orders.Placed");
      Object handlers = loader.loadClass("shop.Handlers").getDeclaredConstructor().newInstance();
      dispatch(loader, handlers, "{\"id\":\"o-1\"}");
      assertThat(handlers.getClass().getField("seen").get(handlers)).isEqualTo(List.of("edited:o-1"));
    }
  }

  @Test
  void recompilingOnlyAnEditedMessageRecordRegeneratesItsCodecAndKeepsTheHandlers() throws Exception {
    project.write("shop/Placed.java",
        "package shop;",
        "public record Placed(String id, int quantity) implements io.whizbang.annotations.Event {}");

    DiskProject.Result result = project.compile(List.of("shop/Placed.java"), List.of());

    assertThat(result.success()).as(result.all()).isTrue();
    try (URLClassLoader loader = project.load()) {
      WhizbangModule module = module(loader);
      assertThat(module.messageTypes()).extracting(MessageType::wireName).containsExactly("orders.Placed");
      Object handlers = loader.loadClass("shop.Handlers").getDeclaredConstructor().newInstance();
      dispatch(loader, handlers, "{\"id\":\"o-2\",\"quantity\":3}");
      Object event = loader.loadClass("shop.Placed").getDeclaredConstructor(String.class, int.class)
          .newInstance("o-2", 3);
      assertThat(handlers.getClass().getField("seen").get(handlers)).isEqualTo(List.of(event));
      @SuppressWarnings("unchecked") MessageType<Object> type = (MessageType<Object>) module.messageTypes().get(0);
      assertThat(new String(Json.encode(type.codec(), event), StandardCharsets.UTF_8))
          .isEqualTo("{\"id\":\"o-2\",\"quantity\":3}");
    }
  }

  @Test
  void recompilingOnlyANewMessageAddsItBesideTheOthers() throws Exception {
    project.write("shop/Cancelled.java",
        "package shop;",
        "public record Cancelled(String id) implements io.whizbang.annotations.Event {}");

    DiskProject.Result result = project.compile(List.of("shop/Cancelled.java"), List.of());

    assertThat(result.success()).as(result.all()).isTrue();
    try (URLClassLoader loader = project.load()) {
      assertThat(module(loader).messageTypes()).extracting(MessageType::wireName)
          .containsExactlyInAnyOrder("orders.Placed", "orders.Cancelled");
    }
  }

  private static WhizbangModule module(URLClassLoader loader) throws Exception {
    return (WhizbangModule) loader.loadClass("shop.WhizbangModule_Shop").getDeclaredConstructor().newInstance();
  }

  /** Binds the handler through the module's factory and dispatches one orders.Placed envelope to it. */
  private static void dispatch(URLClassLoader loader, Object handlers, String json) throws Exception {
    Class<?> handlerType = loader.loadClass("shop.Handlers");
    Method factory = loader.loadClass("shop.WhizbangModule_Shop").getMethod("handlers", handlerType);
    HandlerSet set = (HandlerSet) factory.invoke(null, handlers);
    MessageDispatcher dispatcher = set.dispatchers().get(0);
    dispatcher.dispatch(new Envelope(UUID.randomUUID(), "orders.Placed", "orders", null, UUID.randomUUID(), null,
        Instant.now(), Envelope.NO_POSITION, Map.of(), json.getBytes(StandardCharsets.UTF_8)), null);
  }
}
