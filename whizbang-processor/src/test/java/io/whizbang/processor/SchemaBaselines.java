package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Schema baselines for the compatibility tests: the schemas the processor writes for the messages as they were. */
final class SchemaBaselines {

  static final String OPTION = "whizbang.schemaBaseline";

  private SchemaBaselines() {}

  /** Compiles {@code before} and copies its message schemas into a new temporary folder, as a user commits them. */
  static Path write(List<JavaFileObject> before) {
    Compilation compilation = Sources.compile(before);
    assertThat(compilation).succeeded();
    try {
      Path folder = Files.createTempDirectory("whizbang-baseline-");
      folder.toFile().deleteOnExit();
      for (Map.Entry<String, String> file : SchemaFixtures.schemaFiles(compilation).entrySet()) {
        if (file.getKey().startsWith("META-INF/whizbang/schemas/")) {
          Path copy = folder.resolve(file.getKey().substring("META-INF/whizbang/schemas/".length()));
          Files.writeString(copy, file.getValue(), StandardCharsets.UTF_8);
          copy.toFile().deleteOnExit();
        }
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles {@code now} compared with the baseline of {@code before}. */
  static Compilation compileAgainst(List<JavaFileObject> before, List<JavaFileObject> now) {
    return Sources.compileWithOptions(now, List.of("-A" + OPTION + "=" + write(before)));
  }
}
