package io.whizbang.runtime.transport.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Runs the pool's tasks by hand, so every test decides exactly what was handed over before a send runs. */
class SendQueuesTest {

  /** An executor whose tasks run when the test says; once shut down it refuses new ones. */
  private static final class ManualPool implements Executor {
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    boolean shutDown;

    @Override
    public void execute(Runnable task) {
      if (shutDown) {
        throw new RejectedExecutionException("shut down");
      }
      tasks.add(task);
    }

    void runAll() {
      for (Runnable task; (task = tasks.poll()) != null; ) {
        task.run();
      }
    }
  }

  /** One sender call: the destination and the keys of its messages, in order. */
  private record Sent(String destination, List<String> keys) {}

  private final ManualPool pool = new ManualPool();
  private final List<Sent> sent = new ArrayList<>();
  /** Keys whose messages the broker refuses (a permanent refusal, as a too-large message). */
  private final Set<String> refused = new HashSet<>();

  private SendQueues.Builder<String> queues() {
    return SendQueues.builder("Test", pool, Destination::domain, (destination, messages) -> {
      sent.add(new Sent(destination, messages.stream().map(OutgoingMessage::partitionKey).toList()));
      return messages.stream().map(m -> refused.contains(m.partitionKey())
          ? new PermanentPublishException("refused " + m.partitionKey()) : null).toArray(Throwable[]::new);
    });
  }

  private static OutgoingMessage message(String domain, String key) {
    return new OutgoingMessage(UUID.randomUUID(), "test.Happened", Destination.commands(domain), key, 0, Map.of(),
        new byte[0]);
  }

  private static Throwable failure(CompletableFuture<Void> future) {
    assertThat(future).isCompletedExceptionally();
    try {
      future.get();
      throw new AssertionError("not failed");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void callsMadeOneAfterAnotherReachTheSenderInThatOrderTogether() {
    SendQueues<String> queues = queues().build();

    List<CompletableFuture<Void>> first = queues.publish(List.of(message("orders", "a1")));
    List<CompletableFuture<Void>> second = queues.publish(List.of(message("orders", "a2"), message("orders", "b1")));
    assertThat(first.get(0)).as("nothing sent before the pool runs").isNotDone();
    pool.runAll();

    assertThat(sent).containsExactly(new Sent("orders", List.of("a1", "a2", "b1")));
    assertThat(first.get(0)).isCompleted();
    assertThat(second).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
  }

  @Test
  void eachDestinationHasItsOwnQueueAndALongOneLetsTheOthersHaveTheirTurn() {
    SendQueues<String> queues = queues().maxPerRound(2).build();

    List<CompletableFuture<Void>> futures = queues.publish(List.of(message("orders", "a1"), message("stock", "s1"),
        message("orders", "a2"), message("orders", "a3")));
    pool.runAll();

    assertThat(sent).containsExactly(new Sent("orders", List.of("a1", "a2")), new Sent("stock", List.of("s1")),
        new Sent("orders", List.of("a3")));
    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
  }

  @Test
  void aFailedMessageFailsTheWaitingMessagesOfItsKeyWithoutItsCauseAndItsRetryIsSent() {
    SendQueues<String> queues = queues().maxPerRound(1).build();
    refused.add("a");

    List<CompletableFuture<Void>> futures = queues.publish(List.of(message("orders", "a"), message("orders", "b"),
        message("orders", "a")));
    pool.runAll();

    assertThat(failure(futures.get(0))).isInstanceOf(PermanentPublishException.class);
    assertThat(futures.get(1)).isCompleted().isNotCompletedExceptionally();
    Throwable held = failure(futures.get(2));
    assertThat(held).isInstanceOf(WhizbangException.class).hasMessageContaining("must not overtake it: refused a")
        .hasNoCause();
    assertThat(PermanentPublishException.isPermanent(held)).as("held back, not poison").isFalse();
    assertThat(sent).as("the held message never reached the broker").extracting(Sent::keys)
        .containsExactly(List.of("a"), List.of("b"));

    refused.clear();
    CompletableFuture<Void> retry = queues.publish(List.of(message("orders", "a"))).get(0);
    pool.runAll();
    assertThat(retry).isCompleted().isNotCompletedExceptionally();
  }

  @Test
  void aHeldMessageFailsAsTheTransportSays() {
    SendQueues<String> queues = queues().maxPerRound(1)
        .heldBehind((m, earlier) -> new IllegalStateException("held " + m.partitionKey() + " behind " + earlier))
        .build();
    refused.add("a");

    List<CompletableFuture<Void>> futures = queues.publish(List.of(message("orders", "a"), message("orders", "a")));
    pool.runAll();

    assertThat(failure(futures.get(1))).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("held a");
  }

  @Test
  void aSenderThatThrowsFailsEveryMessageItWasGiven() {
    IllegalStateException broken = new IllegalStateException("link down");
    SendQueues<String> queues = SendQueues.builder("Test", pool, Destination::domain, (d, messages) -> {
      throw broken;
    }).build();

    List<CompletableFuture<Void>> futures = queues.publish(List.of(message("orders", "a"), message("orders", "b")));
    pool.runAll();

    assertThat(futures).allSatisfy(f -> assertThat(failure(f)).isSameAs(broken));
  }

  @Test
  void aDestinationThatCannotBeNamedFailsItsOwnMessagesOnly() {
    IllegalArgumentException unnamed = new IllegalArgumentException("no name for stock");
    SendQueues<String> queues = SendQueues.builder("Test", pool, d -> {
      if (d.domain().equals("stock")) {
        throw unnamed;
      }
      return d.domain();
    }, (d, messages) -> new Throwable[messages.size()]).build();

    List<CompletableFuture<Void>> futures = queues.publish(List.of(message("stock", "s"), message("orders", "a")));
    assertThat(failure(futures.get(0))).as("failed at once").isSameAs(unnamed);
    pool.runAll();

    assertThat(futures.get(1)).isCompleted().isNotCompletedExceptionally();
  }

  @Test
  void onceThePoolRefusesTasksACallFailsAndWhatWasHandedOverIsStillSent() {
    SendQueues<String> queues = queues().maxPerRound(1).build();
    List<CompletableFuture<Void>> handedOver = queues.publish(List.of(message("orders", "a1"), message("orders", "a2")));
    pool.shutDown = true;

    CompletableFuture<Void> late = queues.publish(List.of(message("stock", "s"))).get(0);
    pool.runAll();

    assertThat(failure(late)).isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot publish to 'stock': the Test transport is closed");
    assertThat(sent).as("the second round runs on the closing task's thread")
        .containsExactly(new Sent("orders", List.of("a1")), new Sent("orders", List.of("a2")));
    assertThat(handedOver).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> queues().maxPerRound(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxPerRound must be at least 1, was 0");
  }
}
