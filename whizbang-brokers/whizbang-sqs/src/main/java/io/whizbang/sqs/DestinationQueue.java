package io.whizbang.sqs;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

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
  private final BiConsumer<Destination, List<Pending>> sender;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private boolean sending;

  /**
   * @param sender sends the messages in list order and completes each one's future; must not throw
   */
  DestinationQueue(Destination destination, ExecutorService pool, BiConsumer<Destination, List<Pending>> sender) {
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
      try {
        sender.accept(destination, round);
      } catch (RuntimeException | Error e) {
        round.forEach(p -> p.future().completeExceptionally(e)); // not expected: the sender completes each future
      }
      failWaitingOfFailedKeys(round);
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

  private void failWaitingOfFailedKeys(List<Pending> round) {
    Map<String, Throwable> failed = new HashMap<>();
    for (Pending p : round) {
      String key = p.message().partitionKey();
      if (key != null && p.future().isCompletedExceptionally()) {
        failed.putIfAbsent(key, cause(p.future()));
      }
    }
    if (failed.isEmpty()) {
      return;
    }
    List<Pending> held = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Pending> it = waiting.iterator(); it.hasNext(); ) {
        Pending p = it.next();
        if (p.message().partitionKey() != null && failed.containsKey(p.message().partitionKey())) {
          it.remove();
          held.add(p);
        }
      }
    }
    for (Pending p : held) {
      OutgoingMessage m = p.message();
      p.future().completeExceptionally(new SqsPublishException("message " + m.messageId() + " (" + m.wireName()
          + ") was not sent: an earlier message of partition key '" + m.partitionKey() + "' was not accepted, and"
          + " this one must not overtake it", failed.get(m.partitionKey())));
    }
  }

  private static Throwable cause(CompletableFuture<Void> failed) {
    try {
      failed.join();
      return null;
    } catch (CompletionException e) {
      return e.getCause();
    } catch (RuntimeException e) {
      return e;
    }
  }
}
