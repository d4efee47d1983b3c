package io.whizbang.rabbitmq;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The publish-order contract within one {@code publish} call: once a message of a key fails, the later messages of
 * that key fail too. Failures known before a message is sent (no channel, an unusable destination, an earlier
 * message of the key already failed) keep the later ones from being sent at all. A refusal the broker reports later
 * (a nack, e.g. a full queue with {@code overflow = reject-publish}) arrives when the later messages are already on
 * the wire; their futures then fail anyway, so that the outbox never marks a later message of the key published
 * while an earlier one is not, and publishes them again after it.
 */
final class KeyOrderedFutures {

  private final Map<String, Previous> lastOfKey = new HashMap<>();

  private record Previous(String messageId, CompletableFuture<Void> future) {}

  /** Why {@code key}'s next message must not be sent, or null when nothing of the key failed so far. */
  RabbitMqPublishException refusal(String key, String messageId) {
    Previous previous = key == null ? null : lastOfKey.get(key);
    if (previous == null || !previous.future.isCompletedExceptionally()) {
      return null;
    }
    return new RabbitMqPublishException("message " + messageId + " of partition key '" + key + "' was not sent:"
        + " earlier message " + previous.messageId + " of the key in the same publish call failed ("
        + cause(previous.future).getMessage() + ")", cause(previous.future));
  }

  /**
   * The future the caller gets for a message of {@code key}: it completes after every earlier message of the key
   * in this call, and fails when one of them failed.
   */
  CompletableFuture<Void> inOrder(String key, String messageId, CompletableFuture<Void> own) {
    if (key == null) {
      return own;
    }
    Previous previous = lastOfKey.get(key);
    CompletableFuture<Void> ordered = previous == null || own.isCompletedExceptionally() ? own : previous.future.handle((ok, earlier) -> earlier)
        .thenCompose(earlier -> earlier == null ? own : CompletableFuture.failedFuture(new RabbitMqPublishException(
            "message " + messageId + " of partition key '" + key + "' counts as not published: earlier message "
                + previous.messageId + " of the key in the same publish call failed (" + unwrap(earlier).getMessage()
                + "); it may have reached the queue and is to be published again after the earlier one",
            unwrap(earlier))));
    lastOfKey.put(key, new Previous(messageId, ordered));
    return ordered;
  }

  private static Throwable cause(CompletableFuture<Void> failed) {
    return failed.handle((ok, error) -> unwrap(error)).join();
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
