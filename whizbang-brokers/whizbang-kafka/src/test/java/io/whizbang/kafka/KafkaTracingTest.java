package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.SpanRecorder;
import io.whizbang.runtime.testfixtures.TraceScenario;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The traced conversation (gateway, orders, shipping; each message through an outbox and a relay) over Kafka and
 * PostgreSQL: one trace carried through the records' {@code traceparent} headers, each relay hop linked.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KafkaTracingTest {
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  @AfterEach
  void closeEverything() throws Exception {
    while (!open.isEmpty()) {
      open.pop().close();
    }
  }

  @Test
  void aConversationThroughKafkaIsOneTraceWithEachRelayHopLinked() throws Exception {
    KafkaBroker.require();
    SpanRecorder spans = opened(new SpanRecorder());
    StorageFixture gateway = opened(StorageFixture.create(TestDb.POSTGRES));
    StorageFixture orders = opened(StorageFixture.create(TestDb.POSTGRES));
    StorageFixture shipping = opened(StorageFixture.create(TestDb.POSTGRES));

    // A connection per service, as separate processes have; topics named for this run only.
    TraceScenario.run(spans, () -> opened(KafkaTransport.connect(KafkaBroker.config()
            .topicNaming(d -> "trace-" + run + "." + d.conventionalName()).build())),
        "-" + run, gateway.storage(), orders.storage(), shipping.storage());

    assertThat(SpanRecorder.attribute(spans.all(SpanRecorder.created("orders.PlaceOrder")).get(0),
        "messaging.system")).isEqualTo("kafka");
  }

  private <T extends AutoCloseable> T opened(T closeable) {
    open.push(closeable);
    return closeable;
  }
}
