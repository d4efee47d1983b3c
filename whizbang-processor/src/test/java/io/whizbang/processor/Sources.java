package io.whizbang.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Test inputs under src/test/resources (good/, bad/) compiled with the processor. */
final class Sources {

  private Sources() {}

  static JavaFileObject resource(String path) {
    return JavaFileObjects.forResource(path);
  }

  static List<JavaFileObject> resources(String... paths) {
    return Arrays.stream(paths).map(Sources::resource).toList();
  }

  /** The text of a generated source file; fails when it was not generated. */
  static String generated(Compilation compilation, String qualifiedName) {
    try {
      return compilation.generatedSourceFile(qualifiedName)
          .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName)).getCharContent(true).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Compilation compile(List<JavaFileObject> sources, Processor... extraProcessors) {
    Processor[] processors = Arrays.copyOf(extraProcessors, extraProcessors.length + 1);
    processors[extraProcessors.length] = new WhizbangProcessor();
    return Compiler.javac().withProcessors(processors).compile(sources);
  }
}
