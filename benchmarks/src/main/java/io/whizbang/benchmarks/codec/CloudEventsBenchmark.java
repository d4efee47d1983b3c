package io.whizbang.benchmarks.codec;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.kit.CloudEventsBinding;
import io.whizbang.runtime.transport.kit.SettlingDelivery.ReceivedBody;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the CloudEvents wire format costs per message over the envelope body, which is sent as the outbox stored it:
 * at publish, splitting the stored envelope into headers and data ({@code publishSplit}); at receive, reading the
 * attributes into an envelope and encoding it once for the dead-letter table ({@code receiveCloudEvent}) against
 * decoding an envelope body ({@code receiveEnvelope}), for a small and a larger payload.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CloudEventsBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CloudEventsBenchmark {

  @Param({"300", "4000"})
  public int payloadBytes;

  private OutgoingMessage stored;
  private Map<String, String> headers;
  private byte[] data;

  @Setup
  public void setUp() {
    StringBuilder json = new StringBuilder("{\"orderId\":\"o-1\",\"lines\":[");
    while (json.length() < payloadBytes - 40) {
      json.append("{\"sku\":\"SKU-000042\",\"qty\":3},");
    }
    json.append("{\"sku\":\"last\",\"qty\":1}]}");
    Envelope e = new Envelope(UUID.randomUUID(), "orders.OrderPlaced", "orders", "o-1", UUID.randomUUID(),
        UUID.randomUUID(), Instant.now(), Envelope.NO_POSITION,
        Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
        json.toString().getBytes(StandardCharsets.UTF_8));
    stored = new OutgoingMessage(e.messageId(), e.wireName(), Destination.events("orders"), "o-1", 0, Map.of(),
        EnvelopeCodec.encode(e));
    CloudEventsBinding.Outgoing out = CloudEventsBinding.KAFKA.outgoing(stored);
    headers = out.headers();
    data = out.data();
  }

  @Benchmark
  public CloudEventsBinding.Outgoing publishSplit() {
    return CloudEventsBinding.KAFKA.outgoing(stored);
  }

  @Benchmark
  public Envelope receiveCloudEvent() {
    return ReceivedBody.read(CloudEventsBinding.KAFKA, headers, null, data, null).envelope();
  }

  @Benchmark
  public Envelope receiveEnvelope() {
    return EnvelopeCodec.decode(stored.body());
  }
}
