package io.whizbang.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against the library modules, so an example
 * cannot drift from the API. The conventions (how fragments are wrapped, {@code given}, {@code compile-with-previous},
 * {@code no-compile}) are in docs/contributing.md. One compiler run for all blocks keeps it to a few seconds.
 */
class DocsCompileTest {
  @TempDir Path work;

  @Test
  void everyJavaBlockOfTheDocsCompiles() throws IOException {
    Path root = Path.of(System.getProperty("docs.root", "..")).toRealPath();
    List<Snippet> snippets = new ArrayList<>();
    for (Path page : pages(root)) {
      snippets.addAll(MarkdownSnippets.read(root, page));
    }
    List<String> excluded = new ArrayList<>();
    List<List<Snippet>> groups = new ArrayList<>();
    for (Snippet s : snippets) {
      if (s.noCompileReason() != null) {
        excluded.add(s.where() + ": " + s.noCompileReason());
      } else if (s.withPrevious() && !groups.isEmpty() && last(groups).page().equals(s.page())) {
        groups.get(groups.size() - 1).add(s);
      } else {
        groups.add(new ArrayList<>(List.of(s)));
      }
    }
    List<String> errors = compile(groups);
    System.out.printf("Docs: %d java blocks, %d compiled, %d not compiled:%n", snippets.size(),
        snippets.size() - excluded.size(), excluded.size());
    excluded.forEach(e -> System.out.println("  " + e));
    assertThat(snippets).as("java blocks found under " + root).hasSizeGreaterThan(10);
    assertThat(errors.isEmpty()).as("%d errors in java blocks of the docs (page:line: error):%n%s%n",
        errors.size(), String.join(System.lineSeparator(), errors)).isTrue();
  }

  /**
   * Compiles the groups: one compiler run, or one more for each time two pages show the same file of a package
   * (the package-info of a sample, say), which one run cannot hold twice.
   */
  private List<String> compile(List<List<Snippet>> groups) throws IOException {
    List<Map<Path, SnippetSource>> runs = new ArrayList<>();
    for (List<Snippet> group : groups) {
      for (SnippetSource source : SnippetSource.of(group)) {
        int run = 0;
        while (run < runs.size() && runs.get(run).containsKey(Path.of(source.path()))) {
          run++;
        }
        if (run == runs.size()) {
          runs.add(new HashMap<>());
        }
        runs.get(run).put(Path.of(source.path()), source);
      }
    }
    List<String> errors = new ArrayList<>();
    for (int run = 0; run < runs.size(); run++) {
      errors.addAll(compile(work.resolve("run" + run), runs.get(run).values()));
    }
    errors.sort(null);
    return errors;
  }

  private static List<String> compile(Path dir, Collection<SnippetSource> run) throws IOException {
    Map<Path, SnippetSource> sources = new HashMap<>();
    for (SnippetSource source : run) {
      Path file = dir.resolve("src").resolve(source.path());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.text());
      sources.put(file.toAbsolutePath().normalize(), source);
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> options = List.of("--release", "17", "-proc:none", "-Xmaxerrs", "1000",
          "-classpath", System.getProperty("java.class.path"),
          "-d", Files.createDirectories(dir.resolve("classes")).toString());
      compiler.getTask(null, files, diagnostics, options, null,
          files.getJavaFileObjectsFromPaths(sources.keySet())).call();
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      SnippetSource source = d.getSource() == null ? null
          : sources.get(Path.of(d.getSource().toUri()).toAbsolutePath().normalize());
      String where = source == null || d.getLineNumber() < 1 ? "?" : source.origins().get((int) d.getLineNumber() - 1);
      errors.add(where + ": " + d.getMessage(Locale.ROOT).lines().map(String::strip)
          .filter(l -> !l.startsWith("location:")).collect(Collectors.joining("; ")));
    }
    return errors;
  }

  private static Snippet last(List<List<Snippet>> groups) {
    List<Snippet> group = groups.get(groups.size() - 1);
    return group.get(group.size() - 1);
  }

  private static List<Path> pages(Path root) throws IOException {
    List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }
}
