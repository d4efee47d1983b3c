package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.transport.OutgoingMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The messages waiting for one broker destination, in the order the publish calls handed them over, sent by one task
 * at a time (see {@link SendQueues}). When a message fails, the messages of its partition key still waiting here fail
 * with it: sent now, they would overtake it when the relay publishes it again.
 */
final class SendQueue {

  /** One message of a publish call and the future the call returned for it. */
  record Pending(OutgoingMessage message, CompletableFuture<Void> future) {}

  private final String closedText;
  private final Executor pool;
  private final int maxPerRound;
  private final Function<List<OutgoingMessage>, Throwable[]> sender;
  private final BiFunction<OutgoingMessage, Throwable, ? extends Throwable> heldBehind;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private boolean sending;

  /**
   * @param closedText what the futures fail with when the pool no longer takes tasks (the transport closed)
   * @param maxPerRound messages per send task, so that a destination under constant load leaves the pool's threads
   *     to the others too
   * @param sender sends in list order and returns, per message, {@code null} when the broker accepted it, else why
   *     not
   * @param heldBehind the failure of a waiting message held back behind the failure of an earlier one of its key
   */
  SendQueue(String closedText, Executor pool, int maxPerRound, Function<List<OutgoingMessage>, Throwable[]> sender,
      BiFunction<OutgoingMessage, Throwable, ? extends Throwable> heldBehind) {
    this.closedText = closedText;
    this.pool = pool;
    this.maxPerRound = maxPerRound;
    this.sender = sender;
    this.heldBehind = heldBehind;
  }

  /** Queues one call's messages of this destination behind those of earlier calls. */
  void enqueue(List<Pending> messages) {
    boolean start;
    synchronized (this) {
      waiting.addAll(messages);
      start = !sending;
      sending = true;
    }
    if (start && !submit()) {
      List<Pending> left;
      synchronized (this) {
        left = new ArrayList<>(waiting);
        waiting.clear();
        sending = false;
      }
      IllegalStateException closed = new IllegalStateException(closedText);
      left.forEach(p -> p.future().completeExceptionally(closed));
    }
  }

  private boolean submit() {
    try {
      pool.execute(this::sendRounds);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private void sendRounds() {
    while (true) {
      List<Pending> round = new ArrayList<>();
      synchronized (this) {
        while (!waiting.isEmpty() && round.size() < maxPerRound) {
          round.add(waiting.poll());
        }
      }
      settle(round, send(round));
      synchronized (this) {
        if (waiting.isEmpty()) {
          sending = false;
          return;
        }
      }
      if (submit()) {
        return; // the next round queues behind the other destinations' tasks
      }
      // The pool is shutting down: the transport's close waits for what was handed over, so send it here.
    }
  }

  private Throwable[] send(List<Pending> round) {
    try {
      return sender.apply(round.stream().map(Pending::message).toList());
    } catch (RuntimeException | Error e) {
      Throwable[] all = new Throwable[round.size()];
      Arrays.fill(all, e);
      return all;
    }
  }

  /**
   * Completes the round's futures. The waiting messages of a failed key are taken out of the queue first, so that
   * a caller that sees the failure and publishes the message again is not refused for its own earlier failure.
   */
  private void settle(List<Pending> round, Throwable[] failures) {
    Map<String, Throwable> failedKeys = new HashMap<>();
    for (int i = 0; i < round.size(); i++) {
      String key = round.get(i).message().partitionKey();
      if (key != null && failures[i] != null) {
        failedKeys.putIfAbsent(key, failures[i]);
      }
    }
    List<Pending> held = new ArrayList<>();
    if (!failedKeys.isEmpty()) {
      synchronized (this) {
        for (Iterator<Pending> it = waiting.iterator(); it.hasNext(); ) {
          Pending p = it.next();
          if (p.message().partitionKey() != null && failedKeys.containsKey(p.message().partitionKey())) {
            it.remove();
            held.add(p);
          }
        }
      }
    }
    for (int i = 0; i < round.size(); i++) {
      if (failures[i] == null) {
        round.get(i).future().complete(null);
      } else {
        round.get(i).future().completeExceptionally(failures[i]);
      }
    }
    for (Pending p : held) {
      p.future().completeExceptionally(heldBehind.apply(p.message(), failedKeys.get(p.message().partitionKey())));
    }
  }
}
