package io.whizbang.runtime.transport.kit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps at most one unconfirmed message of a partition key on the wire; different keys stay pipelined. For a broker
 * that confirms each message on its own, where a later message of a key can be stored while an earlier one fails.
 *
 * <p>Why, taking RabbitMQ as the example: when message 1 of a key is nacked (a queue with
 * {@code overflow = reject-publish} was full, or too short of bytes for it) while message 2 of the key, sent right
 * after it, is acked, message 2 is in the queue and cannot be taken back: a consumer applies it before message 1,
 * whatever the publisher does next. The same happens when message 1 is lost with a dropped connection and message 2
 * goes out on the recovered one. So a key's next message is sent only once the broker acked the previous one; when
 * the previous one failed, the next one of the same {@code publish} call is not sent at all (the ordering contract),
 * while one of a later call is (it is the caller's retry).
 *
 * <p>A key here is the partition key alone, whatever the destination: coarser than the ordering contract's unit (a
 * key on one destination), so that a message refused on one destination also holds its key's later messages to
 * another in the same call, as the contract suite expects of every transport.
 *
 * <p>The cost is one confirm round trip per message of a key in a row; a batch spread over many keys pays it once.
 */
public final class OneUnconfirmedPerKey {

  /** Sends the messages that waited for their key's previous confirm, off the connection's I/O thread. */
  private final Executor sender;
  /** The broker's publish failure, given what went wrong. */
  private final Function<String, ? extends RuntimeException> failure;
  /** Per key, the settlement of its last message handed in; removed once it settled and nothing followed. */
  private final Map<String, CompletableFuture<Void>> lastOfKey = new HashMap<>();

  /**
   * @param sender sends the messages that waited for their key's previous confirm (not the broker client's I/O
   *     thread, which delivers the confirms); shut it down on close, and the waiting messages fail as not sent
   * @param failure the broker's publish exception, given the reason a message was not sent
   */
  public OneUnconfirmedPerKey(Executor sender, Function<String, ? extends RuntimeException> failure) {
    this.sender = sender;
    this.failure = failure;
  }

  /** The state of one {@code publish} call: which message of each key came last in it. */
  public Call call() {
    return new Call();
  }

  public final class Call {
    private final Map<String, Previous> previousInCall = new HashMap<>();

    /**
     * Sends one message through {@code send} once its key allows, or fails it with {@code problem} (found before
     * sending, e.g. an unusable destination) in its turn. Returns the future the caller gets; cancelling it before
     * the message was sent keeps the message (and the later ones of its key in this call) unsent.
     */
    public CompletableFuture<Void> submit(String key, String messageId, RuntimeException problem,
        Supplier<CompletableFuture<Void>> send) {
      if (key == null) {
        return problem != null ? CompletableFuture.failedFuture(problem) : send.get();
      }
      CompletableFuture<Void> result = new CompletableFuture<>();
      // Completes when the message is settled at the broker (or will never be sent), whatever the caller did with
      // result: the key's next message waits for this, not for result, which the caller may cancel.
      CompletableFuture<Void> settled = new CompletableFuture<>();
      Previous earlier = previousInCall.put(key, new Previous(messageId, result));
      CompletableFuture<Void> before;
      synchronized (lastOfKey) {
        before = lastOfKey.put(key, settled);
      }
      settled.whenComplete((ok, error) -> {
        synchronized (lastOfKey) {
          lastOfKey.remove(key, settled);
        }
      });
      Runnable turn = () -> take(key, messageId, problem, send, earlier, result, settled);
      if (before == null || before.isDone()) {
        turn.run(); // nothing of the key unconfirmed: send now, in the caller's thread
      } else {
        before.whenComplete((ok, error) -> {
          try {
            sender.execute(turn);
          } catch (RejectedExecutionException e) {
            RuntimeException closed = failure.apply("message " + messageId
                + " was not sent: the transport was closed while it waited for an earlier message of its key");
            result.completeExceptionally(closed);
            settled.completeExceptionally(closed);
          }
        });
      }
      return result;
    }

    private void take(String key, String messageId, RuntimeException problem,
        Supplier<CompletableFuture<Void>> send, Previous earlier, CompletableFuture<Void> result,
        CompletableFuture<Void> settled) {
      RuntimeException refusal = null;
      if (earlier != null && earlier.future.isCompletedExceptionally()) {
        // No cause: this message was not refused itself, so it must not count as poison when the earlier was.
        refusal = failure.apply("message " + messageId + " of partition key '" + key + "' was not"
            + " sent: earlier message " + earlier.messageId + " of the key in the same publish call failed ("
            + cause(earlier.future).getMessage() + ")");
      }
      if (refusal == null) {
        refusal = problem;
      }
      if (refusal == null && result.isDone()) {
        refusal = failure.apply("message " + messageId + " was not sent: its caller stopped waiting");
      }
      if (refusal != null) {
        result.completeExceptionally(refusal);
        settled.completeExceptionally(refusal);
        return;
      }
      CompletableFuture<Void> own;
      try {
        own = send.get();
      } catch (RuntimeException e) {
        own = CompletableFuture.failedFuture(e);
      }
      own.whenComplete((ok, error) -> {
        if (error == null) {
          result.complete(null);
          settled.complete(null);
        } else {
          result.completeExceptionally(unwrap(error));
          settled.completeExceptionally(unwrap(error));
        }
      });
    }
  }

  private record Previous(String messageId, CompletableFuture<Void> future) {}

  private static Throwable cause(CompletableFuture<Void> failed) {
    return failed.handle((ok, error) -> unwrap(error)).join();
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
