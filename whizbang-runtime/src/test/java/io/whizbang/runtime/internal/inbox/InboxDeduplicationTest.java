package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxStats;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.Delivery;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InboxDeduplicationTest {

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aRedeliveredMessageIsAcknowledgedWithoutCallingTheHandler(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      InboxConsumer consumer = f.consumer(b -> b);
      Envelope step = Steps.envelope("order-1", 0);
      TestDelivery first = TestDelivery.of(step);
      TestDelivery again = TestDelivery.of(step, 2);

      consumer.handle(List.of(first));
      consumer.handle(List.of(again));

      assertThat(first.settledAs).isEqualTo("ack");
      assertThat(again.settledAs).isEqualTo("ack");
      assertThat(f.dispatcher.calls()).isEqualTo(1);
      assertThat(f.effectCount()).isEqualTo(1);
      assertThat(f.inboxRows()).isEqualTo(1);
      assertThat(consumer.stats()).isEqualTo(new InboxStats(1, 1, 0, 0, 0));
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void theSameMessageTwiceInOneBatchIsAppliedOnce(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      InboxConsumer consumer = f.consumer(b -> b.maxBatch(10));
      Envelope step = Steps.envelope("order-1", 0);
      TestDelivery a = TestDelivery.of(step);
      TestDelivery b = TestDelivery.of(step);
      TestDelivery other = TestDelivery.of(Steps.envelope("order-2", 0));

      consumer.handle(List.of(a, b, other));

      assertThat(List.of(a.settledAs, b.settledAs, other.settledAs)).containsOnly("ack");
      assertThat(f.effectCount()).isEqualTo(2);
      assertThat(consumer.stats()).isEqualTo(new InboxStats(2, 1, 0, 0, 0));
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aBatchMixingHandledAndNewMessagesAppliesOnlyTheNewOnesInOrder(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      InboxConsumer consumer = f.consumer(b -> b.maxBatch(10));
      Envelope first = Steps.envelope("order-1", 0);
      Envelope third = Steps.envelope("order-1", 2);
      consumer.handle(List.of(TestDelivery.of(first), TestDelivery.of(third)));

      List<TestDelivery> batch = List.of(TestDelivery.of(first, 2), TestDelivery.of(Steps.envelope("order-1", 1)),
          TestDelivery.of(third, 2), TestDelivery.of(Steps.envelope("order-1", 3)),
          TestDelivery.of(Steps.envelope("order-2", 0)));
      consumer.handle(List.<Delivery>copyOf(batch));

      assertThat(batch).extracting(d -> d.settledAs).containsOnly("ack");
      assertThat(f.dispatcher.calls()).isEqualTo(5);
      assertThat(f.effectsByKey()).containsEntry("order-1", List.of(0, 2, 1, 3)).containsEntry("order-2", List.of(0));
      assertThat(f.inboxRows()).isEqualTo(5);
      assertThat(consumer.stats()).isEqualTo(new InboxStats(5, 2, 0, 0, 0));
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void consumersWithDifferentIdsEachHandleTheMessage(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      InboxConsumer shipping = f.consumer("shipping", b -> b);
      InboxConsumer billing = f.consumer("billing", b -> b);
      Envelope step = Steps.envelope("order-1", 0);

      shipping.handle(List.of(TestDelivery.of(step)));
      billing.handle(List.of(TestDelivery.of(step)));
      shipping.handle(List.of(TestDelivery.of(step)));

      assertThat(f.effectCount()).isEqualTo(2);
      assertThat(shipping.stats().duplicates()).isEqualTo(1);
      assertThat(billing.stats().handled()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aFailedHandlerLeavesNoInboxRowSoTheRetryRunsIt(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      f.dispatcher.failTimes("order-1", 0, 1);
      InboxConsumer consumer = f.consumer(b -> b);
      Envelope step = Steps.envelope("order-1", 0);
      TestDelivery first = TestDelivery.of(step);

      consumer.handle(List.of(first));
      assertThat(first.settledAs).isEqualTo("release");
      assertThat(f.inboxRows()).isZero();

      consumer.handle(List.of(TestDelivery.of(step, 2)));
      assertThat(f.effectCount()).isEqualTo(1);
      assertThat(f.inboxRows()).isEqualTo(1);
    }
  }
}
