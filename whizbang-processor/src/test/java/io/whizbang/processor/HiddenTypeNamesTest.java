package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Components named like the types the generated code refers to: a field or local of that name would hide the type
 * ({@code SKU.values()} next to a constant {@code SKU}, {@code Optional.empty()} next to a local {@code Optional}).
 */
class HiddenTypeNamesTest {

  @Test
  void componentsNamedLikeTypesTheCodecUses() {
    Compilation compilation = Sources.compile(List.of(
        JavaFileObjects.forSourceLines("test.SKU", "package test;", "public enum SKU { A, B }"),
        JavaFileObjects.forSourceLines("test.Stocked",
            "package test;",
            "@io.whizbang.annotations.OwnedBy(\"stock\")",
            "public record Stocked(SKU sku, java.util.Optional<String> Optional, String JsonValues,",
            "    java.util.List<SKU> Codecs, String String, int test, java.util.Map<SKU, Integer> JsonToken)",
            "    implements io.whizbang.annotations.Event {}")));

    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    Object sku = classes.type("test.SKU").getEnumConstants()[1];
    Object event = classes.record("test.Stocked", sku, Optional.of("o"), "j", List.of(sku), "s", 3,
        java.util.Map.of(sku, 4));
    assertThat(classes.roundTrip("test.Stocked_JsonCodec", event)).isEqualTo(event);
  }
}
