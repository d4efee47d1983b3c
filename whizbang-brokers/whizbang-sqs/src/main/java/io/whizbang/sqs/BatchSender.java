package io.whizbang.sqs;

import io.whizbang.runtime.transport.PermanentPublishException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sends messages to one target in list order, packed into calls of at most ten entries and 256 KiB. Entries the
 * service refused for a reason on its side (throttling, an internal error) are sent again, up to the configured
 * attempts; entries refused as invalid fail at once. Once a message of a partition key has failed, the later ones
 * of that key are not sent: they would overtake it when the outbox retries it.
 *
 * <p>A call carries at most one message of a key. SQS reports each entry of a batch on its own, so entry 1 of a key
 * can be refused (throttled, an internal error, invalid) while entry 2 of the same key in the same call is stored:
 * entry 2 would then sit in the queue ahead of entry 1's resend, and no later send can take it back. A key's next
 * message goes in the next call, once the previous one is known to be stored. Batches spread over many keys still
 * fill their calls; a run of one key's messages goes one per call.
 */
final class BatchSender {

  private final int attempts;
  private final Duration retryDelay;
  private final ApiCalls calls;

  BatchSender(int attempts, Duration retryDelay, ApiCalls calls) {
    this.attempts = attempts;
    this.retryDelay = retryDelay;
    this.calls = calls;
  }

  /** One entry per message: {@code null} when the service accepted it, otherwise why not. */
  Throwable[] sendAll(BatchTarget target, List<WireMessage> messages) {
    Throwable[] result = new Throwable[messages.size()];
    Map<String, Throwable> failedKeys = new HashMap<>();
    int i = 0;
    while (i < messages.size()) {
      List<Integer> chunk = new ArrayList<>(SqsConfig.MAX_BATCH_ENTRIES);
      Set<String> keysInChunk = new HashSet<>();
      int bytes = 0;
      while (i < messages.size() && chunk.size() < SqsConfig.MAX_BATCH_ENTRIES) {
        WireMessage m = messages.get(i);
        String key = m.message().partitionKey();
        if (key != null && keysInChunk.contains(key)) {
          break; // the key's previous message must be stored before this one is sent (see the class comment)
        }
        if (key != null && failedKeys.containsKey(key)) {
          result[i++] = SqsPublishException.heldBehind(m.message(), " to " + target.describe(), failedKeys.get(key));
          continue;
        }
        if (m.size() > SqsConfig.MAX_MESSAGE_BYTES) {
          result[i] = tooLarge(target, m);
          if (key != null) {
            failedKeys.putIfAbsent(key, result[i]); // refused like any other failure: its key is held back
          }
          i++;
          continue;
        }
        if (bytes + m.size() > SqsConfig.MAX_MESSAGE_BYTES) {
          break; // a batch call carries at most 256 KiB in total
        }
        chunk.add(i++);
        bytes += m.size();
        if (key != null) {
          keysInChunk.add(key);
        }
      }
      if (chunk.isEmpty()) {
        continue;
      }
      sendChunk(target, messages, chunk, result);
      for (int index : chunk) {
        String key = messages.get(index).message().partitionKey();
        if (result[index] != null && key != null) {
          failedKeys.putIfAbsent(key, result[index]);
        }
      }
    }
    return result;
  }

  private void sendChunk(BatchTarget target, List<WireMessage> messages, List<Integer> chunk, Throwable[] result) {
    List<Integer> pending = chunk;
    long delay = retryDelay.toMillis();
    for (int attempt = 1; ; attempt++) {
      List<WireMessage> entries = pending.stream().map(messages::get).toList();
      List<Integer> retry = new ArrayList<>();
      try {
        List<BatchTarget.EntryFailure> failures = target.send(entries);
        calls.sendCalls.increment();
        calls.sentMessages.add(entries.size() - failures.size());
        for (BatchTarget.EntryFailure f : failures) {
          int index = pending.get(f.index());
          if (f.senderFault() || attempt >= attempts) {
            WireMessage m = messages.get(index);
            String text = target.describe() + " refused message " + m.message().messageId() + " ("
                + m.message().wireName() + "): " + f.code() + ": " + f.message();
            // A sender fault is this message's own: the relay parks it. A server fault is unavailability.
            result[index] = f.senderFault()
                ? new SqsPublishException(text + " (invalid request, not retried)", new PermanentPublishException(text))
                : new SqsPublishException(text + " (after " + attempt + " attempts)");
          } else {
            retry.add(index);
          }
        }
      } catch (SdkException e) {
        if (attempt >= attempts) {
          for (int index : pending) {
            String text = "sending " + pending.size() + " messages to " + target.describe() + " failed after "
                + attempt + " attempts: " + e.getMessage();
            result[index] = new SqsPublishException(text,
                SqsRefusals.isPermanent(e) ? new PermanentPublishException(text, e) : e);
          }
          return;
        }
        retry = pending;
      }
      if (retry.isEmpty()) {
        return;
      }
      pending = retry;
      pause(delay);
      delay = Math.min(delay * 2, 5_000);
    }
  }

  private static MessageTooLargeException tooLarge(BatchTarget target, WireMessage m) {
    return new MessageTooLargeException("message " + m.message().messageId() + " (" + m.message().wireName()
        + ") is " + m.size() + " bytes with its attributes; " + target.describe() + " accepts at most "
        + SqsConfig.MAX_MESSAGE_BYTES + " bytes (256 KiB): keep large data out of the message (store it and send"
        + " a reference to it)");
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
