package io.whizbang.docs;

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
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the {@code ```java} blocks of Markdown pages against the test classpath (every library module) and
 * reports each error as {@code page:line: message}. The conventions are in docs/contributing.md.
 */
final class DocsCompiler {
  /**
   * What compiling the pages found.
   *
   * @param blocks how many java blocks the pages hold
   * @param excluded the blocks marked no-compile, each as {@code page:line: reason}
   * @param errors the compiler's errors, each as {@code page:line: message}
   */
  record Result(int blocks, List<String> excluded, List<String> errors) {}

  private final Path work;

  /** @param work an empty directory for the generated sources and classes */
  DocsCompiler(Path work) {
    this.work = work;
  }

  Result compile(Path root, List<Path> pages) throws IOException {
    List<Snippet> snippets = new ArrayList<>();
    for (Path page : pages) {
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
    return new Result(snippets.size(), excluded, compile(groups));
  }

  /**
   * Compiles the groups: one compiler run, or one more for each time two pages show the same file of a package
   * (the package-info of a sample, say), which one run cannot hold twice.
   */
  private List<String> compile(List<List<Snippet>> groups) throws IOException {
    List<Map<Path, SnippetSource>> runs = new ArrayList<>();
    for (List<Snippet> group : groups) {
      SnippetSource source = SnippetSource.of(group);
      int run = 0;
      while (run < runs.size() && runs.get(run).containsKey(Path.of(source.path()))) {
        run++;
      }
      if (run == runs.size()) {
        runs.add(new HashMap<>());
      }
      runs.get(run).put(Path.of(source.path()), source);
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
          .collect(Collectors.joining("; ")));
    }
    return errors;
  }

  private static Snippet last(List<List<Snippet>> groups) {
    List<Snippet> group = groups.get(groups.size() - 1);
    return group.get(group.size() - 1);
  }
}
