package io.whizbang.sqs;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;

/**
 * The messages waiting to be sent to one destination, in the order the publish calls handed them over, sent by one
 * task at a time. Two calls that happen one after the other (from one thread, awaited or not) therefore reach the
 * broker in that order, which a pool running each call on its own thread would not keep; the messages of calls that
 * arrive while a send is under way are sent together afterwards, ten per API call. Destinations are independent:
 * each has its own queue, and the pool's threads send to several at once.
 *
 * <p>When a message fails, the messages of its partition key still waiting here fail with it: sent now, they would
 * overtake it when the outbox tries it again.
 */
final class DestinationQueue {

  /** Messages per send task, so that a destination under constant load lets the others have the pool's threads. */
  private static final int MAX_PER_ROUND = 500;

  /** One message of a publish call and the future the call returned for it. */
  record Pending(OutgoingMessage message, CompletableFuture<Void> future) {}

  private final Destination destination;
  private final ExecutorService pool;
  private final BiFunction<Destination, List<OutgoingMessage>, Throwable[]> sender;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private boolean sending;

  /**
   * @param sender sends the messages in list order and returns, per message, {@code null} when the broker accepted
   *     it, otherwise why not
   */
  DestinationQueue(Destination destination, ExecutorService pool,
      BiFunction<Destination, List<OutgoingMessage>, Throwable[]> sender) {
    this.destination = destination;
    this.pool = pool;
    this.sender = sender;
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
      IllegalStateException closed = new IllegalStateException("the SQS transport is closed");
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
        while (!waiting.isEmpty() && round.size() < MAX_PER_ROUND) {
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
        return; // the next round queues behind other destinations' tasks
      }
      // The pool is shutting down: the transport's close waits for what was handed over, so send it here.
    }
  }

  private Throwable[] send(List<Pending> round) {
    List<OutgoingMessage> messages = round.stream().map(Pending::message).toList();
    try {
      return sender.apply(destination, messages);
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
      OutgoingMessage m = p.message();
      // Held, not refused itself: the earlier failure goes in the text, never as the cause, for a permanent cause
      // would make the relay park this message as poison.
      p.future().completeExceptionally(new SqsPublishException("message " + m.messageId() + " (" + m.wireName()
          + ") was not sent: an earlier message of partition key '" + m.partitionKey() + "' was not accepted, and"
          + " this one must not overtake it: " + failedKeys.get(m.partitionKey()).getMessage()));
    }
  }
}
