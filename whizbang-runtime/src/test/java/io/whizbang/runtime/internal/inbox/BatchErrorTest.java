package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.DeadLetters.ReplayResult;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.sql.TestDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An {@code Error} out of a handler is a crash: the transaction is rolled back and its connection dropped, on every
 * path (a batch, a dead-letter replay). Before, the connection went back to the cache with the transaction open, and
 * the next message's commit on it recorded the crashed work as done without its effects.
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

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void anErrorInAReplayLeavesTheDeadLetterInPlace(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      f.dispatcher.throwInOrder("r", 0, new IllegalStateException("first run"), new StackOverflowError("replay"));
      InboxConsumer consumer = f.consumer(b -> b.maxIdleConnections(1)
          .retryPolicy(InboxConfig.RetryPolicy.builder().maxAttempts(1).build()));
      consumer.handle(List.of(TestDelivery.of(Steps.envelope("r", 0), 1)));
      long letter = consumer.deadLetters().list(0, 10).get(0).id();

      assertThatThrownBy(() -> consumer.deadLetters().replay(letter)).isInstanceOf(StackOverflowError.class);
      TestDelivery next = TestDelivery.of(Steps.envelope("n", 0), 1);  // borrows the cached connection, if any
      consumer.handle(List.of(next));

      assertThat(next.settledAs).isEqualTo("ack");
      assertThat(consumer.deadLetters().count()).as("the dead letter survives the crashed replay").isEqualTo(1);
      assertThat(consumer.deadLetters().replay(letter)).isEqualTo(ReplayResult.replayed());
      assertThat(f.effectsByKey()).isEqualTo(Map.of("n", List.of(0), "r", List.of(0)));
    }
  }
}
