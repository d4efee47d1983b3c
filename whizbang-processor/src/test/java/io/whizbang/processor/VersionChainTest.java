package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A message at version 3 whose versions 1 and 2 are kept as records: its generated codec writes version 3, reads
 * each older version through the chain of upcasters, and refuses a version it does not know.
 */
class VersionChainTest {

  private static Compilation compilation;
  private static CompiledClasses classes;

  @BeforeAll
  static void compile() {
    compilation = Sources.compile(List.of(JavaFileObjects.forSourceLines("test.Evolved",
        "package test;",
        "import io.whizbang.annotations.*;",
        "@WhizbangService(name = \"orders\", owns = \"orders\")",
        "public final class Evolved {",
        "  @MessageVersion(3) @OwnedBy(\"orders\")",
        "  public record OrderPlaced(@PartitionKey String orderId, long cents, String currency) implements Event {",
        "    @Upcasts static OrderPlaced from(OrderPlacedV2 old) {",
        "      return new OrderPlaced(old.orderId(), old.cents(), \"EUR\");",
        "    }",
        "  }",
        "  @MessageVersion(value = 2, of = OrderPlaced.class)",
        "  public record OrderPlacedV2(String orderId, long cents) {",
        "    @Upcasts static OrderPlacedV2 from(OrderPlacedV1 old) {",
        "      return new OrderPlacedV2(old.orderId(), Math.round(old.total() * 100));",
        "    }",
        "  }",
        "  @MessageVersion(value = 1, of = OrderPlaced.class)",
        "  public record OrderPlacedV1(String orderId, double total) {}",
        "}")));
    classes = new CompiledClasses(compilation);
  }

  @Test
  void compilesWithoutWarnings() {
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void everyOlderVersionIsUpcastToTheCurrentOne() {
    JsonCodec<Object> codec = classes.codec("test.Evolved_OrderPlaced_JsonCodec");
    Object expected = classes.record("test.Evolved$OrderPlaced", "o-1", 1250L, "EUR");

    assertThat(codec.version()).isEqualTo(3);
    assertThat(Json.decode(codec, 1, bytes("{\"orderId\":\"o-1\",\"total\":12.5}"))).isEqualTo(expected);
    assertThat(Json.decode(codec, 2, bytes("{\"orderId\":\"o-1\",\"cents\":1250}"))).isEqualTo(expected);
    assertThat(Json.decode(codec, 3, bytes("{\"orderId\":\"o-1\",\"cents\":1250,\"currency\":\"EUR\"}")))
        .isEqualTo(expected);
    assertThat(Json.decode(codec, bytes("{\"orderId\":\"o-1\",\"cents\":1250,\"currency\":\"EUR\"}")))
        .as("without a version: the current one")
        .isEqualTo(expected);
  }

  @Test
  void aNewerVersionIsRefusedNotMisread() {
    JsonCodec<Object> codec = classes.codec("test.Evolved_OrderPlaced_JsonCodec");

    assertThatThrownBy(() -> Json.decode(codec, 4, bytes("{\"orderId\":\"o-1\",\"cents\":1,\"currency\":\"EUR\"}")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("cannot read version 4 of its message: it knows versions 1 to 3")
        .hasMessageContaining("written by newer code");
  }

  @Test
  void anUnversionedRecordReadsVersionOneOnly() {
    JsonCodec<Object> older = classes.codec("test.Evolved_OrderPlacedV1_JsonCodec");

    assertThat(older.version()).isEqualTo(1);
    assertThatThrownBy(() -> Json.decode(older, 2, bytes("{\"orderId\":\"o-1\",\"total\":1}")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("cannot read version 2 of its message: it knows version 1 only");
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
