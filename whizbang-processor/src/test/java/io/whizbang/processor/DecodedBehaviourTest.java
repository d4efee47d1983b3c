package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Generated code that compiles and must also behave: nullability, constructor checks, partition keys. */
class DecodedBehaviourTest {

  /** JetBrains annotations 13.0 (what Kotlin projects carry): no RECORD_COMPONENT target. */
  private static final JavaFileObject JETBRAINS_NULLABLE = JavaFileObjects.forSourceLines(
      "org.jetbrains.annotations.Nullable",
      "package org.jetbrains.annotations;",
      "import java.lang.annotation.*;",
      "@Documented @Retention(RetentionPolicy.CLASS)",
      "@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.LOCAL_VARIABLE})",
      "public @interface Nullable {}");

  @Test
  void nullableWithoutRecordComponentTargetMakesTheFieldOptional() {
    Compilation compilation = Sources.compile(List.of(JETBRAINS_NULLABLE, JavaFileObjects.forSourceLines(
        "test.Noted",
        "package test;",
        "import org.jetbrains.annotations.Nullable;",
        "@io.whizbang.annotations.OwnedBy(\"notes\")",
        "public record Noted(String id, @Nullable String note) implements io.whizbang.annotations.Event {}")));

    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    Object decoded = Json.decode(classes.codec("test.Noted_JsonCodec"), bytes("{\"id\":\"a\"}"));
    assertThat(decoded).isEqualTo(classes.record("test.Noted", "a", null));
  }

  @Test
  void nullableOnAnExplicitAccessorCounts() {
    Compilation compilation = Sources.compile(List.of(JETBRAINS_NULLABLE, JavaFileObjects.forSourceLines(
        "test.Noted",
        "package test;",
        "@io.whizbang.annotations.OwnedBy(\"notes\")",
        "public record Noted(String id, String note) implements io.whizbang.annotations.Event {",
        "  @org.jetbrains.annotations.Nullable public String note() { return note; }",
        "}")));

    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    assertThat(Json.decode(classes.codec("test.Noted_JsonCodec"), bytes("{\"id\":\"a\"}")))
        .isEqualTo(classes.record("test.Noted", "a", null));
  }

  @Test
  void aComponentWithoutNullableIsStillRequired() {
    Compilation compilation = Sources.compile(List.of(JETBRAINS_NULLABLE, JavaFileObjects.forSourceLines(
        "test.Noted",
        "package test;",
        "@io.whizbang.annotations.OwnedBy(\"notes\")",
        "public record Noted(String id, String note) implements io.whizbang.annotations.Event {}")));

    CompiledClasses classes = new CompiledClasses(compilation);
    assertThatThrownBy(() -> Json.decode(classes.codec("test.Noted_JsonCodec"), bytes("{\"id\":\"a\"}")))
        .isInstanceOf(CodecException.class).hasMessageContaining("required field 'note' is missing");
  }

  @Test
  void aCompactConstructorThatRefusesTheValuesGivesACodecExceptionNamingTheType() {
    Compilation compilation = Sources.compile(List.of(JavaFileObjects.forSourceLines("test.Ordered",
        "package test;",
        "@io.whizbang.annotations.OwnedBy(\"orders\")",
        "public record Ordered(String sku, int quantity) implements io.whizbang.annotations.Event {",
        "  public Ordered {",
        "    java.util.Objects.requireNonNull(sku, \"sku\");",
        "    if (quantity < 1) throw new IllegalArgumentException(\"quantity must be positive\");",
        "  }",
        "}")));

    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    var codec = classes.codec("test.Ordered_JsonCodec");
    assertThatThrownBy(() -> Json.decode(codec, bytes("{\"sku\":\"a\",\n\"quantity\":0}")))
        .isInstanceOf(CodecException.class)
        .hasMessage("Cannot decode Ordered: its constructor rejected the values (java.lang.IllegalArgumentException: "
            + "quantity must be positive) of the object ending at line 2, column 13")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    // JSON null for a component that is not @Nullable is refused by the codec before the constructor sees it.
    assertThatThrownBy(() -> Json.decode(codec, bytes("{\"sku\":null,\"quantity\":1}")))
        .isInstanceOf(CodecException.class).hasMessageStartingWith("Cannot decode Ordered.sku: null is not allowed");
    assertThat(Json.decode(codec, bytes("{\"sku\":\"a\",\"quantity\":2}")))
        .isEqualTo(classes.record("test.Ordered", "a", 2));
  }

  @Test
  void anEnumPartitionKeyIsTheConstantsNameNotItsToString() throws Exception {
    Compilation compilation = Sources.compile(List.of(JavaFileObjects.forSourceLines("test.Moved",
        "package test;",
        "@io.whizbang.annotations.OwnedBy(\"stock\")",
        "public record Moved(@io.whizbang.annotations.PartitionKey Region region, int count)",
        "    implements io.whizbang.annotations.Event {",
        "  public enum Region {",
        "    EU { @Override public String toString() { return \"Europe\"; } }",
        "  }",
        "}")));

    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    WhizbangModule module = (WhizbangModule) classes.type("test.WhizbangModule_Test").getDeclaredConstructor()
        .newInstance();
    @SuppressWarnings("unchecked") MessageType<Object> type = (MessageType<Object>) module.messageTypes().get(0);
    Object region = classes.type("test.Moved$Region").getEnumConstants()[0];
    assertThat(type.partitionKeyOf(classes.record("test.Moved", region, 1))).isEqualTo("EU");
    assertThat(type.partitionKeyOf(classes.record("test.Moved", null, 1))).isNull();
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
