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
    return Compiler.javac().withProcessors(processors(extraProcessors)).compile(sources);
  }

  static Compilation compileWithOptions(List<JavaFileObject> sources, List<String> options) {
    return Compiler.javac().withProcessors(processors()).withOptions(options).compile(sources);
  }

  /** The extra processors first, then the Whizbang processors as its jar lists them. */
  static List<Processor> processors(Processor... extraProcessors) {
    List<Processor> processors = new java.util.ArrayList<>(Arrays.asList(extraProcessors));
    processors.add(new WhizbangProcessor());
    processors.add(new WhizbangProcessorClaims());
    return processors;
  }
}
