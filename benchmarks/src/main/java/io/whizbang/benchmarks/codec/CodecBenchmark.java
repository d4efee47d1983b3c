package io.whizbang.benchmarks.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.whizbang.runtime.codec.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole-document encode and decode of one {@link OrderSnapshot}: the generated codec, Jackson databind (baseline,
 * same {@code JsonFactory}) and hand-written streaming code. Each produces or consumes a {@code byte[]}.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CodecBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {

  private final ObjectMapper databind = new ObjectMapper(Json.factory())
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private OrderSnapshot order;
  private byte[] json;

  @Setup
  public void setUp() {
    order = new OrderSnapshot(UUID.fromString("0196a7a4-6b00-7000-8000-0000000000aa"), "Ada Lovelace", 42L, 3,
        1249.95, true, Instant.parse("2025-05-01T10:15:30.123Z"),
        new Address("12 Analytical Row", "London", "N1 9GU", "GB"));
    json = Json.encode(OrderSnapshot_JsonCodec.INSTANCE, order);
    if (!order.equals(Json.decode(OrderSnapshot_JsonCodec.INSTANCE, json))
        || !order.equals(Json.decode(HandWrittenOrderCodec.INSTANCE, json))) {
      throw new IllegalStateException("codecs disagree on " + new String(json));
    }
  }

  @Benchmark
  public byte[] serializeGenerated() {
    return Json.encode(OrderSnapshot_JsonCodec.INSTANCE, order);
  }

  @Benchmark
  public byte[] serializeHandWritten() {
    return Json.encode(HandWrittenOrderCodec.INSTANCE, order);
  }

  @Benchmark
  public byte[] serializeDatabind() throws IOException {
    return databind.writeValueAsBytes(order);
  }

  @Benchmark
  public OrderSnapshot deserializeGenerated() {
    return Json.decode(OrderSnapshot_JsonCodec.INSTANCE, json);
  }

  @Benchmark
  public OrderSnapshot deserializeHandWritten() {
    return Json.decode(HandWrittenOrderCodec.INSTANCE, json);
  }

  @Benchmark
  public OrderSnapshot deserializeDatabind() throws IOException {
    return databind.readValue(json, OrderSnapshot.class);
  }
}
