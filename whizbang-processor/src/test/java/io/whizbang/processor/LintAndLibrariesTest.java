package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.read.RecordReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnostics that must point the right way: lint-clean builds, library types, the WB110 fix text. */
class LintAndLibrariesTest {

  /** A handler of this compilation taking the library message {@code lib.Shipped}. */
  private static final JavaFileObject HANDLER_OF_SHIPPED = JavaFileObjects.forSourceLines("test.Handlers",
      "package test;",
      "final class Handlers {",
      "  @io.whizbang.annotations.Handles void on(lib.Shipped event) {}",
      "}");

  @TempDir Path dir;

  /**
   * Only the project's own annotations count: javac warns about any annotation no processor claims (the shop
   * sample declares its own @Nullable, which would be reported whatever the processor did).
   */
  @Test
  void aCorrectProjectPassesXlintAllWithWerror() {
    List<JavaFileObject> project = new ArrayList<>(GoldenFilesTest.LEDGER);
    project.add(JavaFileObjects.forSourceLines("ledger.Statements",
        "package ledger;",
        "import io.whizbang.annotations.*;",
        "@Projection(name = \"statements\", source = \"ledger\")",
        "final class Statements {",
        "  @Handles void on(MoneyDeposited event) {}",
        "}"));
    Compilation compilation = Sources.compileWithOptions(project, List.of("-Xlint:all", "-Werror"));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void aProblemOfALibraryMessageIsReportedOnTheHandlerParameterThatUsesIt() throws IOException {
    Compilation compilation = compileAgainst(library(JavaFileObjects.forSourceLines("lib.Shipped",
        "package lib;",
        "public record Shipped(String id) implements io.whizbang.annotations.Event {}")), HANDLER_OF_SHIPPED);

    assertThat(compilation).hadErrorContaining("[WB101] lib.Shipped has no owning domain (in lib.Shipped from the "
        + "class path, used here). Fix: ").inFile(HANDLER_OF_SHIPPED).onLineContaining("lib.Shipped event");
    assertThat(compilation).hadErrorCount(1);
  }

  /** WB129: no source alone can cause it (see ProblemCatalogueTest), so it is shown here and not under bad/. */
  @Test
  void aLibraryMessageCompiledWithoutTheProcessorHasNoCodecToDispatchWith() throws IOException {
    Compilation compilation = compileAgainst(library(JavaFileObjects.forSourceLines("lib.Shipped",
        "package lib;",
        "@io.whizbang.annotations.OwnedBy(\"shipping\")",
        "public record Shipped(String id) implements io.whizbang.annotations.Event {}")), HANDLER_OF_SHIPPED);

    assertThat(compilation).hadErrorContaining("[WB129] lib.Shipped has no generated codec (lib.Shipped_JsonCodec "
        + "not found). Fix: compile the module that declares lib.Shipped with the Whizbang annotation processor")
        .inFile(HANDLER_OF_SHIPPED).onLineContaining("lib.Shipped event");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aProblemOfALibraryRecordIsReportedOnTheComponentThatContainsIt() throws IOException {
    List<File> classpath = library(JavaFileObjects.forSourceLines("lib.Attachment",
        "package lib;",
        "public record Attachment(String name, java.io.File file) {}"));
    JavaFileObject message = JavaFileObjects.forSourceLines("test.Mailed",
        "package test;",
        "@io.whizbang.annotations.OwnedBy(\"mail\")",
        "public record Mailed(String id,",
        "    lib.Attachment attachment) implements io.whizbang.annotations.Event {}");

    Compilation compilation = compileAgainst(classpath, message);

    assertThat(compilation).hadErrorContaining("[WB110] field 'file' of lib.Attachment has type java.io.File")
        .inFile(message).onLineContaining("lib.Attachment attachment");
    assertThat(compilation).hadErrorContaining("(in lib.Attachment from the class path, used here)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void theWb110FixNamesExactlyTheSupportedValueTypes() {
    String fix = Problem.UNSUPPORTED_FIELD_TYPE.format("a", "b", "c", "d");

    for (String supported : RecordReader.sharedValueTypes()) {
      assertThat(fix).contains(supported.substring(supported.lastIndexOf('.') + 1));
    }
    assertThat(fix).doesNotContain("java.time", "Year", "OffsetTime", "ZoneId");
  }

  /** Compiles library sources without the processor (as a jar built elsewhere) and returns a class path with it. */
  private List<File> library(JavaFileObject... sources) throws IOException {
    Compilation library = Compiler.javac().withOptions("-proc:none").compile(sources);
    assertThat(library).succeeded();
    return classPathWith(library, dir);
  }

  /** A class path with the classes of {@code library} (copied under {@code dir}) and the runtime's jars. */
  static List<File> classPathWith(Compilation library, Path dir) throws IOException {
    Path classes = dir.resolve("lib-classes");
    for (JavaFileObject file : library.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        Path target = classes.resolve(file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", ""));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.copy(in, target);
        }
      }
    }
    List<File> classpath = new ArrayList<>();
    classpath.add(classes.toFile());
    DiskProject.libraryPath().forEach(path -> classpath.add(path.toFile()));
    return classpath;
  }

  private static Compilation compileAgainst(List<File> classpath, JavaFileObject... sources) {
    return Compiler.javac().withProcessors(Sources.processors()).withClasspath(classpath).compile(sources);
  }
}
