package io.whizbang.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against the library modules, so an example
 * cannot drift from the API. The conventions (how fragments are wrapped, {@code given}, {@code compile-imports},
 * {@code compile-with-previous}, {@code no-compile}) are in docs/contributing.md. One compiler run for all blocks
 * keeps it to a few seconds.
 */
class DocsCompileTest {
  @TempDir Path work;

  @Test
  void everyJavaBlockOfTheDocsCompiles() throws IOException {
    Path root = Path.of(System.getProperty("docs.root", "..")).toRealPath();
    DocsCompiler.Result result = new DocsCompiler(work).compile(root, pages(root));

    System.out.printf("Docs: %d java blocks, %d compiled, %d not compiled:%n", result.blocks(),
        result.blocks() - result.excluded().size(), result.excluded().size());
    result.excluded().forEach(e -> System.out.println("  " + e));
    assertThat(result.blocks()).as("java blocks found under " + root).isGreaterThan(10);
    assertThat(result.errors().isEmpty()).as("%d errors in java blocks of the docs (page:line: error):%n%s%n",
        result.errors().size(), String.join(System.lineSeparator(), result.errors())).isTrue();
  }

  private static List<Path> pages(Path root) throws IOException {
    List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }
}
