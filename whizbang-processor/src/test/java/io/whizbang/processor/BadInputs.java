package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The inputs under src/test/resources/bad/, each holding one mistake: a file, or a directory of files for a
 * mistake that takes more than one package. Each is compiled once per test run, however many tests look at it
 * ({@link DiagnosticsTest} and {@link AggregateDiagnosticsTest} check each one's diagnostic with the assertions
 * below, {@link ProblemCatalogueTest} that every code has one).
 */
final class BadInputs {

  /** One bad input compiled with the processor, and the sources it was compiled from. */
  record Compiled(List<JavaFileObject> sources, Compilation compilation) {

    /** The source at {@code path} below the input (a directory input), or the input's only file. */
    JavaFileObject source(String path) {
      return sources.stream().filter(s -> s.toUri().getPath().endsWith("/" + path)).findFirst()
          .orElseThrow(() -> new AssertionError("no source " + path + " in " + sources));
    }

    JavaFileObject source() {
      if (sources.size() != 1) {
        throw new AssertionError("a directory input: name the file, one of " + sources);
      }
      return sources.get(0);
    }
  }

  private static final Map<String, Compiled> COMPILED = new ConcurrentHashMap<>();

  private BadInputs() {}

  /** Every bad input by name: a file's name without ".java", or a directory's name. */
  static List<String> names() {
    try (Stream<Path> entries = Files.list(root())) {
      return entries.map(entry -> entry.getFileName().toString().replaceFirst("\\.java$", "")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Compiled compile(String name) {
    return COMPILED.computeIfAbsent(name, key -> {
      List<JavaFileObject> sources = sources(key);
      Optional<Path> baseline = baseline(key);
      return new Compiled(sources, baseline.isEmpty() ? Sources.compile(sources)
          : Sources.compileWithOptions(sources, List.of("-A" + SchemaBaselines.OPTION + "=" + baseline.get())));
    });
  }

  /**
   * The input shows exactly one error, with {@code code}, on the line of its file containing
   * {@code lineContaining}, containing every one of {@code messageParts} and a fix.
   */
  static void assertOnlyError(String file, String code, String lineContaining, String... messageParts) {
    Compiled compiled = compile(file);
    JavaFileObject source = compiled.source();
    Compilation compilation = compiled.compilation();

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[" + code + "] ").inFile(source).onLineContaining(lineContaining);
    for (String part : messageParts) {
      assertThat(compilation).hadErrorContaining(part).inFile(source).onLineContaining(lineContaining);
    }
    assertThat(compilation).hadErrorContaining("Fix: ");
    assertThat(compilation).hadErrorCount(1);
  }

  /** {@link #assertExactlyOne(Diagnostic.Kind, Compiled, JavaFileObject, String, String)} for a one-file input. */
  static void assertExactlyOne(Diagnostic.Kind kind, String input, String lineContaining, String text) {
    Compiled compiled = compile(input);
    assertExactlyOne(kind, compiled, compiled.source(), lineContaining, text);
  }

  /**
   * The input shows exactly one diagnostic, of {@code kind}, word for word {@code text}, on the line of
   * {@code source} containing {@code lineContaining}: what the user sees, where the IDE underlines it.
   */
  static void assertExactlyOne(Diagnostic.Kind kind, Compiled compiled, JavaFileObject source,
      String lineContaining, String text) {
    Compilation compilation = compiled.compilation();
    if (kind == Diagnostic.Kind.ERROR) {
      assertThat(compilation).failed();
      assertThat(compilation).hadErrorContaining(text).inFile(source).onLineContaining(lineContaining);
    } else {
      assertThat(compilation).succeeded();
      assertThat(compilation).hadWarningContaining(text).inFile(source).onLineContaining(lineContaining);
    }
    assertThat(compilation.diagnostics().stream().filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
        .map(d -> d.getKind() + " " + d.getMessage(Locale.ROOT)).toList())
        .containsExactly(kind + " " + text);
  }

  /**
   * The schema baseline of an input that is compared with one: its {@code baseline/} folder as it is (an unreadable
   * one), or the schemas the processor writes for the sources under its {@code before/} folder (the messages as they
   * were), so that a baseline is never written by hand.
   */
  private static Optional<Path> baseline(String name) {
    Path directory = root().resolve(name);
    if (Files.isDirectory(directory.resolve("baseline"))) {
      return Optional.of(directory.resolve("baseline"));
    }
    if (!Files.isDirectory(directory.resolve("before"))) {
      return Optional.empty();
    }
    return Optional.of(SchemaBaselines.write(javaFiles(directory.resolve("before"), "bad/" + name + "/before/")));
  }

  private static List<JavaFileObject> sources(String name) {
    Path directory = root().resolve(name);
    if (!Files.isDirectory(directory)) {
      return List.of(Sources.resource("bad/" + name + ".java"));
    }
    return javaFiles(directory, "bad/" + name + "/");
  }

  /** The .java files below {@code directory} (not those of a before/ folder), as resources under {@code prefix}. */
  private static List<JavaFileObject> javaFiles(Path directory, String prefix) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(file -> file.toString().endsWith(".java"))
          .filter(file -> !directory.relativize(file).startsWith("before")).sorted()
          .map(file -> Sources.resource(prefix + directory.relativize(file).toString()
              .replace(java.io.File.separatorChar, '/')))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    URL url = BadInputs.class.getClassLoader().getResource("bad");
    if (url == null) {
      throw new AssertionError("src/test/resources/bad/ is not on the test class path");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
