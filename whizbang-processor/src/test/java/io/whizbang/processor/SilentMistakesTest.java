package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Mistakes the processor used to accept without a word, beside the inputs that are right. */
class SilentMistakesTest {

  @Test
  void aClassWithOneBadHandlerMethodStillHasItsOtherMethodsChecked() {
    JavaFileObject handlers = JavaFileObjects.forSourceLines("test.Handlers",
        "package test;",
        "import io.whizbang.annotations.*;",
        "public final class Handlers {",
        "  @OwnedBy(\"orders\") public record PlaceOrder(String id) implements Command {}",
        "  @Handles void onAny(Event event) {}",
        "  @Handles void place(PlaceOrder command) {}",
        "}");

    Compilation compilation = Sources.compile(List.of(handlers));

    assertThat(compilation).hadErrorContaining("[WB130]").inFile(handlers).onLineContaining("onAny(Event event)");
    assertThat(compilation).hadErrorContaining("[WB126]").inFile(handlers).onLineContaining("place(PlaceOrder");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void aPartitionKeyOnAnExplicitAccessorKeysTheMessage() throws Exception {
    Compilation compilation = Sources.compile(List.of(JavaFileObjects.forSourceLines("test.Placed",
        "package test;",
        "@io.whizbang.annotations.OwnedBy(\"orders\")",
        "public record Placed(String orderId, int quantity) implements io.whizbang.annotations.Event {",
        "  @io.whizbang.annotations.PartitionKey public String orderId() { return orderId; }",
        "}")));

    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    WhizbangModule module = (WhizbangModule) classes.type("test.WhizbangModule_Test").getDeclaredConstructor()
        .newInstance();
    @SuppressWarnings("unchecked") MessageType<Object> type = (MessageType<Object>) module.messageTypes().get(0);
    assertThat(type.partitionKeyOf(classes.record("test.Placed", "o-7", 1))).isEqualTo("o-7");
  }

  @Test
  void aServiceWithoutMessagesOrHandlersStillGetsItsModuleAndAWarning() {
    JavaFileObject service = JavaFileObjects.forSourceLines("test.package-info",
        "@io.whizbang.annotations.WhizbangService(name = \"shipping\", owns = \"shipping\")",
        "package test;");
    JavaFileObject app = JavaFileObjects.forSourceLines("test.App",
        "package test;",
        "final class App {",
        "  io.whizbang.runtime.module.WhizbangModule module = new WhizbangModule_Shipping();",
        "}");

    Compilation compilation = Sources.compile(List.of(service, app));

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[WB135] service \"shipping\" has no message types or handlers in "
        + "this compilation: its module WhizbangModule_Shipping registers nothing").inFile(service);
  }

  @Test
  void wireNamesOfVisibleUnicodeCharactersAreValid() {
    Compilation compilation = Sources.compile(List.of(JavaFileObjects.forSourceLines("test.Opened",
        "package test;",
        "@io.whizbang.annotations.OwnedBy(\"orders\")",
        "@io.whizbang.annotations.WireName(\"orders.Caf\\u00e9Opened\")",
        "public record Opened(String id) implements io.whizbang.annotations.Event {}")));

    assertThat(compilation).succeededWithoutWarnings();
  }
}
