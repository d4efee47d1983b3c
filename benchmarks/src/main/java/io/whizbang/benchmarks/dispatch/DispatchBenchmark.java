package io.whizbang.benchmarks.dispatch;

import io.whizbang.benchmarks.WhizbangModule_Benchmarks;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.module.MessageType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One operation = dispatching one envelope, cycling over twenty message types. {@code decodeOnly} is the cost both
 * dispatchers share (decoding the payload with the generated codec); the dispatcher's own cost is the difference.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar DispatchBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DispatchBenchmark {

  private static final int TYPES = 20;

  private final BenchHandlers handlers = new BenchHandlers();
  private MessageDispatcher generated;
  private MessageDispatcher reflective;
  private Envelope[] envelopes;
  private JsonCodec<?>[] codecs;

  @Setup
  public void setUp() {
    List<MessageType<?>> types = new ArrayList<>();
    new WhizbangModule_Benchmarks().messageTypes().stream()
        .filter(t -> t.javaType().getEnclosingClass() == BenchMessages.class).forEach(types::add);
    if (types.size() != TYPES) {
      throw new IllegalStateException("expected " + TYPES + " message types, found " + types.size());
    }
    generated = new BenchHandlers_Dispatcher(handlers);
    reflective = new ReflectiveDispatcher(handlers, types);
    envelopes = new Envelope[TYPES];
    codecs = new JsonCodec<?>[TYPES];
    for (int i = 0; i < TYPES; i++) {
      MessageType<?> type = types.get(i);
      byte[] payload = ("{\"id\":" + (i + 1) + ",\"name\":\"message " + i + "\"}").getBytes();
      envelopes[i] = new Envelope(UUID.randomUUID(), type.wireName(), type.domain(), null, UUID.randomUUID(), null,
          Instant.EPOCH, Envelope.NO_POSITION, Map.of(), payload);
      codecs[i] = type.codec();
    }
  }

  @Benchmark
  @OperationsPerInvocation(TYPES)
  public long generated() throws Exception {
    for (Envelope envelope : envelopes) {
      generated.dispatch(envelope, null);
    }
    return handlers.sum;
  }

  @Benchmark
  @OperationsPerInvocation(TYPES)
  public long reflective() throws Exception {
    for (Envelope envelope : envelopes) {
      reflective.dispatch(envelope, null);
    }
    return handlers.sum;
  }

  @Benchmark
  @OperationsPerInvocation(TYPES)
  public void decodeOnly(Blackhole blackhole) {
    for (int i = 0; i < TYPES; i++) {
      blackhole.consume(Json.decode(codecs[i], envelopes[i].payload()));
    }
  }
}
