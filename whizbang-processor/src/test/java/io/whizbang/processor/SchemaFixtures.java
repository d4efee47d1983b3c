package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;

/** The modules the schema tests compile, and the META-INF/whizbang/ files a compilation wrote. */
final class SchemaFixtures {

  private SchemaFixtures() {}

  /** A service with a message of every component kind, a command it owns and another domain's event it handles. */
  static final List<JavaFileObject> BILLING = Sources.resources(
      "good/billing/package-info.java",
      "good/billing/InvoiceIssued.java",
      "good/billing/ChargeCustomer.java",
      "good/billing/BillingHandlers.java",
      "good/billing/orders/OrderShipped.java");

  static final List<JavaFileObject> LIBRARY = Sources.resources(
      "good/library/events/package-info.java",
      "good/library/events/InvoiceIssued.java");

  static Compilation compile(List<JavaFileObject> sources) {
    Compilation compilation = Sources.compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  /**
   * The schema and AsyncAPI files of a compilation, by path under the class output (compilation.txt, which is not a
   * description of the messages, left out).
   */
  static Map<String, String> schemaFiles(Compilation compilation) {
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", "");
      if (path.startsWith("META-INF/whizbang/") && !path.endsWith("compilation.txt")) {
        try {
          files.put(path, file.getCharContent(true).toString());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return files;
  }

  static String file(Compilation compilation, String path) {
    String text = schemaFiles(compilation).get(path);
    if (text == null) {
      throw new AssertionError("not generated: " + path + " (generated: " + schemaFiles(compilation).keySet() + ")");
    }
    return text;
  }
}
