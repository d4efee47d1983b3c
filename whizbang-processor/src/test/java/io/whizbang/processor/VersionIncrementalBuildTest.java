package io.whizbang.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build that recompiles only a versioned message (an IDE saving one file) finds its older version's record and
 * upcaster on the class path, from the earlier build, and its codec still reads the older version.
 */
class VersionIncrementalBuildTest {

  @TempDir Path dir;

  @Test
  void recompilingOnlyTheMessageKeepsItsChain() throws Exception {
    DiskProject project = new DiskProject(dir)
        .write("shop/package-info.java",
            "@io.whizbang.annotations.WhizbangService(name = \"shop\", owns = \"orders\")",
            "@io.whizbang.annotations.OwnedBy(\"orders\")",
            "package shop;")
        .write("shop/PlacedV1.java",
            "package shop;",
            "@io.whizbang.annotations.MessageVersion(value = 1, of = Placed.class)",
            "public record PlacedV1(String id) {}")
        .write("shop/Placed.java", placed("\"EUR\""));
    DiskProject.Result full = project.compileAll();
    assertThat(full.success()).as(full.all()).isTrue();

    project.write("shop/Placed.java", placed("\"USD\""));
    DiskProject.Result partial = project.compile(List.of("shop/Placed.java"), List.of());

    assertThat(partial.success()).as(partial.all()).isTrue();
    try (URLClassLoader loader = project.load()) {
      @SuppressWarnings("unchecked")
      JsonCodec<Object> codec = (JsonCodec<Object>) loader.loadClass("shop.Placed_JsonCodec").getField("INSTANCE")
          .get(null);
      Object placed = Json.decode(codec, 1, "{\"id\":\"o-1\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(placed).hasToString("Placed[id=o-1, currency=USD]");
    }
  }

  private static String[] placed(String currency) {
    return new String[] {
        "package shop;",
        "@io.whizbang.annotations.MessageVersion(2)",
        "public record Placed(String id, String currency) implements io.whizbang.annotations.Event {",
        "  @io.whizbang.annotations.Upcasts static Placed from(PlacedV1 old) { return new Placed(old.id(), "
            + currency + "); }",
        "}"};
  }
}
