package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Each generated artifact compared with a reviewed copy under src/test/resources/expected/, as syntax trees.
 * Run with {@code WHIZBANG_UPDATE_GOLDEN=1} to rewrite the copies from the current output; review the diff.
 */
class GoldenFilesTest {

  private static final boolean UPDATE = "1".equals(System.getenv("WHIZBANG_UPDATE_GOLDEN"));
  private static final Path EXPECTED = Path.of("src/test/resources/expected");

  static final List<JavaFileObject> SHOP = Sources.resources(
      "good/shop/package-info.java",
      "good/shop/orders/package-info.java",
      "good/shop/orders/PlaceOrder.java",
      "good/shop/orders/OrderPlaced.java",
      "good/shop/orders/OrderHandlers.java",
      "good/shop/orders/OrderBoard.java",
      "good/shop/shipping/ShippingHandlers.java");

  static final List<JavaFileObject> LEDGER = Sources.resources(
      "good/ledger/package-info.java",
      "good/ledger/AccountOpened.java",
      "good/ledger/MoneyDeposited.java",
      "good/ledger/AccountClosed.java",
      "good/ledger/Account.java",
      "good/ledger/AccountActivity.java");

  @Test
  void codecOfAMessageWithEveryKindOfComponent() {
    assertGenerated(SHOP, "shop.orders.OrderPlaced_JsonCodec");
  }

  @Test
  void codecOfACommand() {
    assertGenerated(SHOP, "shop.orders.PlaceOrder_JsonCodec");
  }

  @Test
  void codecOfANestedContainedRecord() {
    assertGenerated(SHOP, "shop.orders.OrderPlaced_Line_JsonCodec");
  }

  @Test
  void dispatcherOfAHandlerClass() {
    assertGenerated(SHOP, "shop.orders.OrderHandlers_Dispatcher");
  }

  @Test
  void dispatcherOfAHandlerInAnotherPackageThanItsMessage() {
    assertGenerated(SHOP, "shop.shipping.ShippingHandlers_Dispatcher");
  }

  @Test
  void dispatcherOfAProjection() {
    assertGenerated(SHOP, "shop.orders.OrderBoard_Dispatcher");
  }

  @Test
  void moduleOfAService() {
    assertGenerated(SHOP, "shop.WhizbangModule_Shop");
  }

  @Test
  void moduleOfAMessageLibraryIsNamedAfterItsPackage() {
    assertGenerated(Sources.resources("good/library/events/package-info.java",
        "good/library/events/InvoiceIssued.java"), "library.events.WhizbangModule_Events");
  }

  @Test
  void aggregateTypeOfARecordWhoseAppliersReturnTheNextState() {
    assertGenerated(LEDGER, "ledger.Account_AggregateType");
  }

  @Test
  void aggregateTypeOfAMutableClassWithAnExplicitCategory() {
    assertGenerated(LEDGER, "ledger.AccountActivity_AggregateType");
  }

  @Test
  void servicesFileListsTheModule() throws IOException {
    Compilation compilation = Sources.compile(SHOP);
    assertThat(compilation).succeededWithoutWarnings();
    String actual = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
            "META-INF/services/io.whizbang.runtime.module.WhizbangModule").orElseThrow()
        .getCharContent(true).toString();
    Path golden = EXPECTED.resolve("META-INF/services/io.whizbang.runtime.module.WhizbangModule");
    if (UPDATE) {
      write(golden, actual);
    }
    org.assertj.core.api.Assertions.assertThat(actual).isEqualTo(read(golden));
  }

  private static void assertGenerated(List<JavaFileObject> sources, String generatedType) {
    Compilation compilation = Sources.compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    String file = generatedType.replace('.', '/') + ".java";
    if (UPDATE) {
      try {
        write(EXPECTED.resolve(file), compilation.generatedSourceFile(generatedType).orElseThrow()
            .getCharContent(true).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(compilation).generatedSourceFile(generatedType)
        .hasSourceEquivalentTo(JavaFileObjects.forSourceString(generatedType, read(EXPECTED.resolve(file))));
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("missing golden file " + path + " (run with WHIZBANG_UPDATE_GOLDEN=1)", e);
    }
  }

  private static void write(Path path, String contents) {
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, contents, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
