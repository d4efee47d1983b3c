package io.whizbang.servicebus;

import io.whizbang.runtime.transport.OutgoingMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The messages waiting for one entity, in the order the publish calls handed them over, sent by one task at a time:
 * calls that happen one after the other (awaited or not) reach Service Bus in that order, and the messages of calls
 * arriving during a send go out together in the next batches. Entities are independent; the pool sends to several at
 * once.
 *
 * <p>When a message fails, the messages of its key still waiting here fail with it (without its cause, so never as
 * poison): sent now, they would overtake it when the relay publishes it again.
 */
final class SendQueue {

  /** Messages per round, so that an entity under constant load leaves the pool's threads to the others too. */
  private static final int MAX_PER_ROUND = 1_000;

  record Pending(OutgoingMessage message, CompletableFuture<Void> future) {}

  private final String entity;
  private final Executor pool;
  private final Function<List<OutgoingMessage>, Throwable[]> sender;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private boolean sending;

  /** @param sender sends in list order; per message {@code null} when stored, else why not */
  SendQueue(String entity, Executor pool, Function<List<OutgoingMessage>, Throwable[]> sender) {
    this.entity = entity;
    this.pool = pool;
    this.sender = sender;
  }

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
      IllegalStateException closed = new IllegalStateException("Cannot publish to '" + entity + "': the Service Bus"
          + " transport is closed");
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
        return; // the next round queues behind the other entities' tasks
      }
      // The pool is shutting down; the transport's close waits for what was handed over, so send it here.
    }
  }

  private Throwable[] send(List<Pending> round) {
    try {
      return sender.apply(round.stream().map(Pending::message).toList());
    } catch (RuntimeException | Error e) {
      Throwable[] all = new Throwable[round.size()];
      java.util.Arrays.fill(all, e);
      return all;
    }
  }

  /** Takes the waiting messages of failed keys out first, so that a caller publishing again is not refused. */
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
      p.future().completeExceptionally(io.whizbang.runtime.transport.kit.PublishFailures.heldBehind("Service Bus",
          p.message(), failedKeys.get(p.message().partitionKey())));
    }
  }
}
