package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The allocation-free instant and UUID paths write exactly what the JDK formatters write and read it back. */
class FastPathsTest {

  @Test
  void instantsFormatLikeIsoInstantAcrossTheWholeRange() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong() % 260_000_000_000L,
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
          });
      String json = new String(Json.encode(Codecs.INSTANT, instant), StandardCharsets.UTF_8);
      assertThat(json).isEqualTo("\"" + DateTimeFormatter.ISO_INSTANT.format(instant) + "\"");
      assertThat(Json.decode(Codecs.INSTANT, json.getBytes(StandardCharsets.UTF_8))).isEqualTo(instant);
    }
  }

  @Test
  void instantsOutsideTheFastPathStillWork() {
    for (Instant instant : new Instant[] {Instant.MIN, Instant.MAX, Instant.parse("-0001-12-31T23:59:59Z"),
        Instant.parse("+10000-01-01T00:00:00Z")}) {
      assertThat(Json.decode(Codecs.INSTANT, Json.encode(Codecs.INSTANT, instant))).isEqualTo(instant);
    }
    assertThat(Json.decode(Codecs.INSTANT, "\"2025-01-01T10:00:00+01:00\"".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Instant.parse("2025-01-01T09:00:00Z"));
  }

  @Test
  void impossibleDatesAreRejected() {
    // As lenient as Instant.parse and no more: it accepts 24:00:00 (end of day) and an empty fraction.
    for (String text : new String[] {"2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-01T00:60:00Z",
        "2025-01-01T00:00:00.1234567890Z", "2025-01-0xT00:00:00Z", "yesterday"}) {
      assertThatThrownBy(() -> Json.decode(Codecs.INSTANT, ("\"" + text + "\"").getBytes(StandardCharsets.UTF_8)))
          .as(text).isInstanceOf(CodecException.class).hasMessageContaining("ISO-8601 instant");
    }
  }

  @Test
  void uuidsMatchTheJdkFormat() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      UUID id = new UUID(random.nextLong(), random.nextLong());
      String json = new String(Json.encode(Codecs.UUID, id), StandardCharsets.UTF_8);
      assertThat(json).isEqualTo("\"" + id + "\"");
      assertThat(Json.decode(Codecs.UUID, json.getBytes(StandardCharsets.UTF_8))).isEqualTo(id);
    }
    UUID max = new UUID(-1, -1);
    assertThat(Json.decode(Codecs.UUID, Json.encode(Codecs.UUID, max))).isEqualTo(max);
    assertThat(Json.decode(Codecs.UUID, "\"0196A7A4-6B00-7000-8000-0000000000AA\"".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(UUID.fromString("0196a7a4-6b00-7000-8000-0000000000aa"));
  }

  @Test
  void malformedUuidsAreRejected() {
    for (String text : new String[] {"0196a7a4-6b00-7000-8000-0000000000ag", "0196a7a4x6b00-7000-8000-0000000000aa",
        "0196a7a4-6b00-7000-8000-0000000000a", "+196a7a4-6b00-7000-8000-0000000000aa"}) {
      assertThatThrownBy(() -> Json.decode(Codecs.UUID, ("\"" + text + "\"").getBytes(StandardCharsets.UTF_8)))
          .as(text).isInstanceOf(CodecException.class).hasMessageContaining("expected a UUID string");
    }
  }
}
