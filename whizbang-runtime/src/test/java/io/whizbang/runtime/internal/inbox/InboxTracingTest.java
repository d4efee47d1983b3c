package io.whizbang.runtime.internal.inbox;

import static io.whizbang.runtime.testfixtures.SpanRecorder.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.tracing.OtelTracing;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.SpanRecorder;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The spans of messages the inbox handles in one batch transaction: one each, also when the batch fails and its
 * messages are handled alone, and a duplicate within the batch recorded as such.
 */
class InboxTracingTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PRODUCER = "00f067aa0ba902b7";

  @Test
  void aBatchGivesEachMessageASpanAndRecognisesTheDuplicateInIt() {
    try (SpanRecorder spans = new SpanRecorder(); InboxFixture f = new InboxFixture(TestDb.POSTGRES);
        InboxConsumer consumer = traced(f, spans)) {
      Envelope seen = traced(Steps.envelope("a", 0));
      consumer.handle(List.of(TestDelivery.of(seen)));
      Envelope b = traced(Steps.envelope("b", 0));
      Envelope c = traced(Steps.envelope("c", 0));
      consumer.handle(List.of(TestDelivery.of(b), TestDelivery.of(seen), TestDelivery.of(c)));

      Map<String, List<String>> outcomes = outcomesById(spans);
      assertThat(outcomes).containsOnly(Map.entry(seen.messageId().toString(), List.of("applied", "duplicate")),
          Map.entry(b.messageId().toString(), List.of("applied")), Map.entry(c.messageId().toString(),
          List.of("applied")));
      assertThat(spans.spans()).allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(PRODUCER));
    }
  }

  @Test
  void whenABatchFailsEachMessageKeepsOneSpanThroughItsHandlingAlone() {
    try (SpanRecorder spans = new SpanRecorder(); InboxFixture f = new InboxFixture(TestDb.POSTGRES);
        InboxConsumer consumer = traced(f, spans)) {
      // Its first run fails the batch (whose messages are then handled alone), its second its own transaction.
      f.dispatcher.throwInOrder("b", 0, new IllegalStateException("b failed in the batch"),
          new IllegalStateException("b failed alone"));
      Envelope a = traced(Steps.envelope("a", 0));
      Envelope b = traced(Steps.envelope("b", 0));
      Envelope c = traced(Steps.envelope("c", 0));
      consumer.handle(List.of(TestDelivery.of(a), TestDelivery.of(b), TestDelivery.of(c)));

      assertThat(outcomesById(spans)).containsOnly(Map.entry(a.messageId().toString(), List.of("applied")),
          Map.entry(b.messageId().toString(), List.of("retried")),
          Map.entry(c.messageId().toString(), List.of("applied")));
      SpanData failed = spans.all(s -> b.messageId().toString().equals(attribute(s, "messaging.message.id"))).get(0);
      assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(failed.getStatus().getDescription()).isEqualTo("b failed alone");
    }
  }

  private static InboxConsumer traced(InboxFixture f, SpanRecorder spans) {
    InboxConsumer c = InboxConsumer.builder(f.storage.storage(), "svc").dispatchers(List.of(f.dispatcher))
        .tracing(OtelTracing.of(spans.openTelemetry(), "in-memory"),
            List.of(new SubscriptionRequest.Source(Steps.DESTINATION, Set.of(Steps.WIRE_NAME))))
        .config(InboxConfig.builder().maxBatch(10).build()).build();
    return c;
  }

  /** Each message's span outcomes, in the order the spans ended. */
  private static Map<String, List<String>> outcomesById(SpanRecorder spans) {
    return spans.spans().stream().collect(Collectors.groupingBy(s -> attribute(s, "messaging.message.id"),
        Collectors.mapping(s -> attribute(s, "whizbang.inbox.outcome"), Collectors.toList())));
  }

  private static Envelope traced(Envelope e) {
    return new Envelope(e.messageId(), e.wireName(), e.domain(), e.partitionKey(), e.correlationId(), e.causationId(),
        e.occurredAt(), e.position(), Map.of("traceparent", "00-" + TRACE + "-" + PRODUCER + "-01"), e.payload());
  }
}
