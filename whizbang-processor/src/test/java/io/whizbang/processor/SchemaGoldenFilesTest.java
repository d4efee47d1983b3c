package io.whizbang.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schemas and the AsyncAPI document of representative modules, compared byte for byte with reviewed copies
 * under src/test/resources/expected-schemas/&lt;module&gt;/ (the files are meant to be read and diffed, so their
 * exact text is the contract). Run with {@code WHIZBANG_UPDATE_GOLDEN=1} to rewrite the copies; review the diff.
 */
class SchemaGoldenFilesTest {

  private static final boolean UPDATE = "1".equals(System.getenv("WHIZBANG_UPDATE_GOLDEN"));
  private static final Path EXPECTED = Path.of("src/test/resources/expected-schemas");

  private static final Map<String, List<JavaFileObject>> MODULES = Map.of(
      "shop", GoldenFilesTest.SHOP,
      "billing", SchemaFixtures.BILLING,
      "library", SchemaFixtures.LIBRARY);

  @ParameterizedTest
  @ValueSource(strings = {"shop", "billing", "library"})
  void schemasAndAsyncApiDocumentAreTheReviewedOnes(String module) throws IOException {
    Map<String, String> actual = SchemaFixtures.schemaFiles(SchemaFixtures.compile(MODULES.get(module)));
    Path folder = EXPECTED.resolve(module);
    if (UPDATE) {
      rewrite(folder, actual);
    }
    assertThat(actual).isEqualTo(read(folder));
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop", "billing"})
  void outputIsTheSameOnEveryBuild(String module) {
    // The same sources compiled again (a different JVM state, maps filled in another order) give the same bytes.
    assertThat(SchemaFixtures.schemaFiles(SchemaFixtures.compile(MODULES.get(module))))
        .isEqualTo(SchemaFixtures.schemaFiles(SchemaFixtures.compile(MODULES.get(module))));
  }

  private static Map<String, String> read(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      throw new AssertionError("missing golden folder " + folder + " (run with WHIZBANG_UPDATE_GOLDEN=1)");
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        files.put(folder.relativize(path).toString().replace('\\', '/'),
            Files.readString(path, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static void rewrite(Path folder, Map<String, String> files) {
    try {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> paths = Files.walk(folder)) {
          for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = folder.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
