package io.whizbang.processor;

import com.fasterxml.jackson.core.JsonParser;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.module.WhizbangModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * A project on disk compiled by javac as a build tool would: sources under {@code src/}, classes in
 * {@code classes/}, generated sources in {@code generated/}, and the class output on the class path, so later
 * compilations of a subset of the sources see what earlier ones produced (an incremental build).
 */
final class DiskProject {

  final Path root;
  final Path src;
  final Path classes;
  final Path generated;

  DiskProject(Path root) {
    this.root = root;
    this.src = root.resolve("src");
    this.classes = root.resolve("classes");
    this.generated = root.resolve("generated");
    try {
      Files.createDirectories(src);
      Files.createDirectories(classes);
      Files.createDirectories(generated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code src/<relativePath>} (UTF-8). */
  DiskProject write(String relativePath, String... lines) {
    Path file = src.resolve(relativePath);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Compiles every source under {@code src/}. */
  Result compileAll(String... options) {
    try (Stream<Path> files = Files.walk(src)) {
      return compile(files.filter(f -> f.toString().endsWith(".java")).map(f -> src.relativize(f).toString())
          .toList(), List.of(options));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles only the given sources (relative to {@code src/}), with the earlier output on the class path. */
  Result compile(List<String> relativeSources, List<String> options) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      boolean modular = relativeSources.stream().anyMatch(s -> s.endsWith("module-info.java"));
      List<Path> path = new ArrayList<>(libraries(modular));
      if (modular) {
        files.setLocationFromPaths(StandardLocation.MODULE_PATH, path);
      } else {
        path.add(0, classes);
        files.setLocationFromPaths(StandardLocation.CLASS_PATH, path);
      }
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(
          relativeSources.stream().map(src::resolve).toList());
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null, units);
      task.setProcessors(Sources.processors());
      boolean success = task.call();
      return new Result(success, diagnostics.getDiagnostics());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A class loader over the compiled classes, with the runtime of the test class path. */
  URLClassLoader load() {
    try {
      return new URLClassLoader(new URL[] {classes.toUri().toURL()}, DiskProject.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new AssertionError(e);
    }
  }

  String generatedSource(String qualifiedName) {
    try {
      return Files.readString(generated.resolve(qualifiedName.replace('.', '/') + ".java"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The annotations, the runtime, its core and Jackson's streaming API, and on a module path the modules the runtime
   * requires.
   * On a module path they must be jars: a directory of classes (the reactor's target/classes, with its
   * module-info.class) is packed into a jar.
   */
  private List<Path> libraries(boolean modular) {
    List<Path> libraries = new ArrayList<>();
    libraries.add(asModule(location(Event.class), "whizbang-annotations", modular));
    libraries.add(asModule(location(WhizbangModule.class), "whizbang-runtime", modular));
    libraries.add(asModule(location(Json.class), "whizbang-runtime-core", modular));
    libraries.add(location(JsonParser.class));
    if (modular) {
      // The runtime is a named module: resolving it needs the modules it requires (Jdbi, Jetty, SLF4J).
      for (String type : List.of("org.jdbi.v3.core.Jdbi", "org.eclipse.jetty.server.Server",
          "org.eclipse.jetty.http.HttpHeader", "org.eclipse.jetty.io.Content", "org.eclipse.jetty.util.Callback",
          "org.slf4j.LoggerFactory")) {
        try {
          libraries.add(location(Class.forName(type)));
        } catch (ClassNotFoundException e) {
          throw new AssertionError("not on the test class path: " + type, e);
        }
      }
    }
    return libraries;
  }

  private Path asModule(Path location, String name, boolean modular) {
    if (!modular) {
      return location;
    }
    Path jar = root.resolve("modules").resolve(name + ".jar");
    try {
      Files.createDirectories(jar.getParent());
      if (Files.isDirectory(location)) {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk =
            Files.walk(location)) {
          for (Path file : walk.filter(Files::isRegularFile).toList()) {
            out.putNextEntry(new JarEntry(location.relativize(file).toString().replace('\\', '/')));
            Files.copy(file, out);
            out.closeEntry();
          }
        }
      } else {
        Files.copy(location, jar);
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The class path entries of the annotations, the runtime (generated modules and dispatchers), its core (generated
   * codecs) and Jackson's streaming API.
   */
  static List<Path> libraryPath() {
    return List.of(location(Event.class), location(WhizbangModule.class), location(Json.class),
        location(JsonParser.class));
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    String errors() {
      return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getSource() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
          .collect(Collectors.joining("\n"));
    }

    String all() {
      return diagnostics.stream().map(d -> d.getKind() + " " + d.getSource() + ":" + d.getLineNumber() + ": "
          + d.getMessage(null)).collect(Collectors.joining("\n"));
    }
  }
}
