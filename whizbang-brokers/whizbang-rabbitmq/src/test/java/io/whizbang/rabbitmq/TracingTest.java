package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.SpanRecorder;
import io.whizbang.runtime.testfixtures.TraceScenario;
import org.junit.jupiter.api.Test;

/**
 * The traced conversation (gateway, orders, shipping; each message through an outbox and a relay) over RabbitMQ and
 * PostgreSQL: one trace carried through the messages' {@code traceparent} headers, each relay hop linked.
 */
class TracingTest extends BrokerTestBase {

  @Test
  void aConversationThroughRabbitMqIsOneTraceWithEachRelayHopLinked() throws Exception {
    domain("orders");
    domain("shipping");
    subscriber("orders");
    subscriber("shipping");
    try (SpanRecorder spans = new SpanRecorder();
        StorageFixture gateway = StorageFixture.create(TestDb.POSTGRES);
        StorageFixture orders = StorageFixture.create(TestDb.POSTGRES);
        StorageFixture shipping = StorageFixture.create(TestDb.POSTGRES)) {
      // A connection per service, as separate processes have; closed after the test by the base class.
      TraceScenario.run(spans, this::transport, "", gateway.storage(), orders.storage(), shipping.storage());

      assertThat(SpanRecorder.attribute(spans.all(SpanRecorder.created("orders.PlaceOrder")).get(0),
          "messaging.system")).isEqualTo("rabbitmq");
    }
  }
}
