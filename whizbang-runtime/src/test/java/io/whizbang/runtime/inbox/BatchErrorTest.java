package io.whizbang.runtime.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.sql.TestDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An {@code Error} out of a handler in a batch (several messages in one transaction) is a crash: the batch's
 * transaction is rolled back and its connection dropped. Before, the connection went back to the cache with the
 * transaction open, and the next message's commit on it recorded the whole batch as handled without its effects.
 */
class BatchErrorTest {

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void anErrorInABatchLeavesNoMessageRecordedWithoutItsEffects(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      f.dispatcher.throwInOrder("b", 0, new StackOverflowError("handler of b"));
      InboxConsumer consumer = f.consumer(b -> b.maxBatch(10));
      TestDelivery a = TestDelivery.of(Steps.envelope("a", 0), 1);
      TestDelivery b = TestDelivery.of(Steps.envelope("b", 0), 1);
      TestDelivery c = TestDelivery.of(Steps.envelope("c", 0), 1);

      assertThatThrownBy(() -> consumer.handle(List.of(a, b, c))).isInstanceOf(StackOverflowError.class);
      TestDelivery next = TestDelivery.of(Steps.envelope("d", 0), 1);
      consumer.handle(List.of(next));
      assertThat(next.settledAs).isEqualTo("ack");
      // The broker redelivers what was never acknowledged; every message must now be applied, once.
      List<io.whizbang.runtime.transport.Delivery> again = List.of(TestDelivery.of(Steps.envelope("a", 0), 2),
          TestDelivery.of(Steps.envelope("b", 0), 2), TestDelivery.of(Steps.envelope("c", 0), 2));
      consumer.handle(again);

      assertThat(again).extracting(d -> ((TestDelivery) d).settledAs).containsOnly("ack");
      assertThat(f.effectsByKey()).isEqualTo(Map.of("a", List.of(0), "b", List.of(0), "c", List.of(0),
          "d", List.of(0)));
    }
  }
}
