package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.DeadLetterLog;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.CapturedLogs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * The MDC a handler runs under (the message's ids and the subscriber), put back as the caller had it afterwards,
 * and the one dead-letter line the inbox writes, on PostgreSQL. The consumer is called on the test's own thread, so
 * the thread's MDC can be read before and after.
 */
class InboxLogContextTest {
  private static final InboxConfig.RetryPolicy TWO_ATTEMPTS = InboxConfig.RetryPolicy.builder().maxAttempts(2)
      .initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(10)).jitter(0).build();

  /** What the MDC held each time the handler ran. */
  private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
  private final List<InboxConsumer> consumers = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeConsumers() {
    consumers.forEach(InboxConsumer::close);
  }

  @BeforeEach
  void theTestsLogThroughTheCapturingBinding() {
    assertThat(CapturedLogs.active()).as("tests run with -Dslf4j.provider=...CapturedLogs (see the pom)").isTrue();
  }

  @Test
  void aHandlerRunsWithTheMessagesIdsAndTheCallersMdcIsBackAfterwards() {
    try (InboxFixture f = new InboxFixture(TestDb.POSTGRES)) {
      InboxConsumer consumer = consumer(f, InboxConfig.builder());
      Envelope first = Steps.envelope("order-7", 0);
      Envelope second = Steps.envelope("order-8", 0);
      MDC.put("wb.subscriber", "the caller's");
      MDC.put("requestId", "r-1");
      try {
        consumer.handle(List.of(TestDelivery.of(first), TestDelivery.of(second)));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).containsEntry("wb.messageId", first.messageId().toString())
            .containsEntry("wb.correlationId", first.correlationId().toString())
            .containsEntry("wb.wireName", Steps.WIRE_NAME)
            .containsEntry("wb.partitionKey", "order-7")
            .containsEntry("wb.subscriber", "svc")
            .containsEntry("requestId", "r-1");
        assertThat(seen.get(1)).containsEntry("wb.messageId", second.messageId().toString())
            .containsEntry("wb.partitionKey", "order-8");
        // Afterwards: no message's ids left on the thread, and what the caller had is back.
        assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("wb.subscriber", "the caller's", "requestId", "r-1"));
      } finally {
        MDC.clear();
      }
    }
  }

  @Test
  void aDeadLetterIsLoggedOnceAsAWarningNamingTheMessageButNotItsPayload() {
    try (InboxFixture f = new InboxFixture(TestDb.POSTGRES)) {
      f.dispatcher.failAlways(step -> step.key().equals("bad"));
      InboxConsumer consumer = consumer(f, InboxConfig.builder().retryPolicy(TWO_ATTEMPTS));
      Envelope bad = Steps.envelope(Steps.WIRE_NAME, "bad", "{\"key\":\"bad\",\"seq\":0,\"secret\":\"s3cr3t\"}");

      // Attempt 1 fails and is released; attempt 2 (a redelivery) fails and parks it.
      TestDelivery run1 = TestDelivery.of(bad, 1);
      consumer.handle(List.of(run1));
      assertThat(run1.settledAs).isEqualTo("release");
      TestDelivery run2 = TestDelivery.of(bad, 2);
      consumer.handle(List.of(run2));
      assertThat(run2.settledAs).isEqualTo("ack");
      assertThat(consumer.deadLetters().count()).isEqualTo(1);

      List<CapturedLogs.Line> lines = CapturedLogs.matching(l -> l.logger().equals(DeadLetterLog.LOGGER)
          && l.message().contains(bad.messageId().toString()));
      assertThat(lines).hasSize(1);
      CapturedLogs.Line line = lines.get(0);
      assertThat(line.level()).isEqualTo(Level.WARN);
      assertThat(line.message()).contains(Steps.WIRE_NAME, "subscriber 'svc'", "after 2 attempt(s)",
          "the handler of Step[key=bad, seq=0] is broken");
      assertThat(line.mdc()).containsEntry("wb.messageId", bad.messageId().toString());
      // No log line at all, dead letter or retry, quotes the payload.
      assertThat(CapturedLogs.matching(l -> l.message().contains("s3cr3t"))).isEmpty();
    }
  }

  private InboxConsumer consumer(InboxFixture f, InboxConfig.Builder config) {
    MessageDispatcher recording = new MessageDispatcher() {
      @Override
      public String handlerName() {
        return f.dispatcher.handlerName();
      }

      @Override
      public Set<String> wireNames() {
        return f.dispatcher.wireNames();
      }

      @Override
      public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
        seen.add(MDC.getCopyOfContextMap());
        f.dispatcher.dispatch(envelope, context);
      }
    };
    InboxConsumer consumer = InboxConsumer.builder(f.storage.storage(), "svc").dispatchers(List.of(recording))
        .config(config.build()).build();
    consumers.add(consumer);
    return consumer;
  }
}
