package io.whizbang.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The message path never uses reflection or reflective JSON: the runtime's main sources and every generated source
 * are free of {@code java.lang.reflect}, {@code Class.forName} and {@code ObjectMapper}.
 */
class NoReflectionTest {

  private static final List<String> FORBIDDEN = List.of("java.lang.reflect", "Class.forName", "ObjectMapper");

  @Test
  void runtimeAndGeneratedSourcesUseNoReflection() {
    List<Path> roots = List.of(Path.of("../../whizbang-runtime/src/main/java"),
        Path.of("target/generated-sources/annotations"), Path.of("target/generated-test-sources/test-annotations"));
    List<String> findings = new ArrayList<>();
    int scanned = 0;
    for (Path root : roots) {
      assertThat(root).as("source root %s (run from the module directory)", root).isDirectory();
      for (Path file : javaFiles(root)) {
        scanned++;
        String source = read(file);
        for (String forbidden : FORBIDDEN) {
          if (source.contains(forbidden)) {
            findings.add(file + " uses " + forbidden);
          }
        }
      }
    }

    assertThat(scanned).isGreaterThan(20);
    assertThat(findings).isEmpty();
  }

  private static List<Path> javaFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
