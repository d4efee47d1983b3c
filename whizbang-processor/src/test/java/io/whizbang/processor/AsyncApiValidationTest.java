package io.whizbang.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated AsyncAPI documents checked by the AsyncAPI reference parser ({@code scripts/asyncapi/validate.sh},
 * Node.js 20 and {@code @asyncapi/parser} from npm), with their message schemas resolved from the files beside them,
 * as they sit in the jar. Without Node.js the test is skipped, or fails with {@code CI=true}.
 */
class AsyncApiValidationTest {

  @TempDir
  Path output;

  @Test
  void everyGeneratedDocumentIsValidAsyncApi() throws Exception {
    List<String> documents = new ArrayList<>();
    for (Map.Entry<String, List<JavaFileObject>> module : Map.of("shop", GoldenFilesTest.SHOP,
        "billing", SchemaFixtures.BILLING, "library", SchemaFixtures.LIBRARY).entrySet()) {
      documents.add(writeClassOutput(module.getKey(), SchemaFixtures.compile(module.getValue())).toString());
    }

    Result result = validate(documents);

    assertThat(result.exitCode()).as(result.output()).isZero();
    for (String document : documents) {
      assertThat(result.output()).contains(document + ": valid AsyncAPI 3.0.0");
    }
    assertThat(result.output()).doesNotContain("INVALID");
  }

  @Test
  void aDocumentWhosePayloadSchemaIsMissingIsRefused() throws Exception {
    Path document = writeClassOutput("billing", SchemaFixtures.compile(SchemaFixtures.BILLING));
    Files.delete(document.resolveSibling("schemas/orders.OrderShipped.schema.json"));

    Result result = validate(List.of(document.toString()));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output()).contains("INVALID").contains("orders.OrderShipped.schema.json");
  }

  @Test
  void aDocumentWhoseOperationNamesAnUnknownChannelIsRefused() throws Exception {
    Path document = writeClassOutput("shop", SchemaFixtures.compile(GoldenFilesTest.SHOP));
    Files.writeString(document, Files.readString(document).replace("\"#/channels/orders.commands\"",
        "\"#/channels/orders.nowhere\""));

    Result result = validate(List.of(document.toString()));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output()).contains("INVALID").contains("orders.nowhere");
  }

  /** Writes a compilation's META-INF/whizbang/ files as the jar holds them; returns the AsyncAPI document. */
  private Path writeClassOutput(String module, Compilation compilation) throws IOException {
    Path root = output.resolve(module);
    for (Map.Entry<String, String> file : SchemaFixtures.schemaFiles(compilation).entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
    }
    return root.resolve("META-INF/whizbang/asyncapi.json");
  }

  private record Result(int exitCode, String output) {}

  private static Result validate(List<String> documents) throws Exception {
    Path script = findScript();
    if (!nodeAvailable()) {
      unavailable("node (Node.js 20) is not on the PATH");
    }
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(documents);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    // The first run installs the parser from npm.
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("scripts/asyncapi/validate.sh did not finish in 10 minutes");
    }
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (text.contains("npm could not install")) {
      unavailable("the AsyncAPI parser could not be installed: " + text);
    }
    return new Result(process.exitValue(), text);
  }

  private static Path findScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("scripts/asyncapi/validate.sh");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    unavailable("scripts/asyncapi/validate.sh was not found above " + Path.of("").toAbsolutePath());
    return null;
  }

  private static boolean nodeAvailable() {
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static void unavailable(String problem) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(problem + "; CI=true, so the AsyncAPI documents must be validated");
    }
    Assumptions.abort(problem + "; skipping the AsyncAPI validation");
  }
}
