package io.whizbang.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conventions of docs/contributing.md, on pages written here: what compiles, what fails and where. */
class DocsCompilerTest {
  @TempDir Path root;

  @Test
  void aBlockCallingAMissingMethodFailsNamingItsPageAndLine() throws IOException {
    DocsCompiler.Result result = compile("""
        # Page

        ```java
        SqlStorage storage = SqlStorage.builder(dataSource).build();
        storage.noSuchMethod();
        ```
        """);

    assertThat(result.errors()).anySatisfy(e -> assertThat(e).startsWith("docs/page.md:4: cannot find symbol")
        .contains("variable dataSource"));
    assertThat(result.errors()).anySatisfy(e -> assertThat(e).startsWith("docs/page.md:5: cannot find symbol")
        .contains("method noSuchMethod()"));
  }

  @Test
  void givenDeclarationsTypesMethodsAndStatementsCompileTogether() throws IOException {
    DocsCompiler.Result result = compile("""
        <!-- given: DataSource dataSource; -->
        ```java
        record Shipped(UUID orderId) implements Event {}

        @Handles
        void on(Shipped event, HandlerContext context) {
          ...
        }

        SqlStorage storage = SqlStorage.builder(dataSource).tablePrefix("x_").build();
        ```
        """);

    assertThat(result.errors()).isEmpty();
    assertThat(result.blocks()).isEqualTo(1);
  }

  @Test
  void elidedBodiesStandForMethodsOfAnyReturnType() throws IOException {
    DocsCompiler.Result result = compile("""
        ```java
        abstract class MyTransportTest {
          protected abstract Transport newTransport();
          protected abstract void stopBroker() throws Exception;
        }

        class RabbitMqFaultTest extends MyTransportTest {
          @Override protected Transport newTransport() { ... }      // connected to the dedicated broker
          @Override protected void stopBroker() { ... }
        }
        ```
        """);

    assertThat(result.errors()).isEmpty();
  }

  @Test
  void aBlockMarkedWithPreviousSeesThePreviousBlocksDeclarations() throws IOException {
    String page = """
        ```java
        record Parcel(String id) {}
        ```

        %s
        ```java
        Parcel parcel = new Parcel("p-1");
        ```
        """;

    assertThat(compile(page.formatted("<!-- compile-with-previous -->")).errors()).isEmpty();
    assertThat(compile(page.formatted("")).errors())
        .anySatisfy(e -> assertThat(e).startsWith("docs/page.md:7: cannot find symbol").contains("class Parcel"));
  }

  @Test
  void aNoCompileBlockIsReportedWithItsReasonAndNotCompiled() throws IOException {
    DocsCompiler.Result result = compile("""
        <!-- no-compile: the old API -->
        ```java
        this does not compile
        ```
        """);

    assertThat(result.errors()).isEmpty();
    assertThat(result.excluded()).containsExactly("docs/page.md:3: the old API");
  }

  @Test
  void aWholeCompilationUnitCompilesAsWritten() throws IOException {
    DocsCompiler.Result result = compile("""
        ```java
        package com.example.shipping;

        public final class Carrier {
          public Transport transport() { return InMemoryTransport.builder().build(); }
        }
        ```
        """);

    assertThat(result.errors()).isEmpty();
  }

  @Test
  void aJavaFenceWithAnythingAfterTheLanguageIsRefusedWithTheConvention() throws IOException {
    assertThatThrownBy(() -> compile("""
        ```java no-compile
        x
        ```
        """)).hasMessageContaining("docs/page.md:1: unknown fence '```java no-compile'")
        .hasMessageContaining("<!-- no-compile: reason -->");
  }

  private DocsCompiler.Result compile(String markdown) throws IOException {
    Path page = Files.createDirectories(root.resolve("docs")).resolve("page.md");
    Files.writeString(page, markdown);
    return new DocsCompiler(Files.createTempDirectory(root, "work")).compile(root, List.of(page));
  }
}
