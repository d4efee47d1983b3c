package io.whizbang.runtime.relay;

import io.whizbang.runtime.internal.LogContext;
import io.whizbang.runtime.internal.tracing.RelayTrace;
import io.whizbang.runtime.internal.tracing.Tracing;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import io.whizbang.runtime.transport.Transport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of claimed outbox rows through the transport: picks the rows that may go together, publishes them,
 * waits for the confirmations, and sorts every row into confirmed, retry later (the broker is unavailable) or park
 * (the broker refused it for good). The relay writes the result to the outbox table; nothing here touches it.
 */
final class PublishRound {
  private static final Logger LOG = LoggerFactory.getLogger(PublishRound.class);

  private final Transport transport;
  private final RelayConfig config;
  private final String relayId;
  private volatile Tracing tracing = Tracing.NONE;

  PublishRound(Transport transport, RelayConfig config, String relayId) {
    this.transport = transport;
    this.config = config;
    this.relayId = relayId;
  }

  /** What became of a batch's rows. */
  record Settled(List<Long> confirmed, List<OutboxRows.Failure> retry, List<OutboxRows.Failure> park) {}

  /**
   * The candidates that go in this batch: the query already left out rows in backoff and those behind them; a
   * retried row goes alone, without the later rows of its key and destination.
   */
  static List<PendingRow> due(List<PendingRow> candidates) {
    List<PendingRow> due = new ArrayList<>(candidates.size());
    Set<List<String>> blocked = new HashSet<>();
    for (PendingRow row : candidates) {
      List<String> key = keyOf(row.message());
      if (key != null && blocked.contains(key)) {
        continue;
      }
      due.add(row);
      if (key != null && row.attempts() > 0) {
        // Had it shared a batch with the next row of its key, a second failure would let that next row reach the
        // broker first.
        blocked.add(key);
      }
    }
    return due;
  }

  /** Reports each round's span to {@code value} (a service's tracing; none by default). */
  void tracing(Tracing value) {
    tracing = java.util.Objects.requireNonNull(value, "tracing");
  }

  /** Publishes {@code batch} and sorts its rows by outcome. */
  Settled publish(List<PendingRow> batch) {
    List<OutgoingMessage> messages = new ArrayList<>(batch.size());
    for (PendingRow row : batch) {
      messages.add(row.message());
    }
    RelayTrace trace = tracing.relaying(relayId, messages);
    Settled settled = settle(batch, outcomes(messages));
    trace.end(settled.confirmed().size(), settled.retry().size() + settled.park().size(), firstError(settled));
    return settled;
  }

  private static String firstError(Settled settled) {
    return !settled.park().isEmpty() ? settled.park().get(0).error()
        : !settled.retry().isEmpty() ? settled.retry().get(0).error() : null;
  }

  private Settled settle(List<PendingRow> batch, List<Outcome> outcomes) {
    List<Long> confirmed = new ArrayList<>(batch.size());
    List<OutboxRows.Failure> retry = new ArrayList<>();
    List<OutboxRows.Failure> park = new ArrayList<>();
    Set<List<String>> failedKeys = new HashSet<>();
    for (int i = 0; i < batch.size(); i++) {
      PendingRow row = batch.get(i);
      Outcome outcome = outcomes.get(i);
      List<String> key = keyOf(row.message());
      if (outcome.error == null) {
        if (key != null && failedKeys.contains(key)) {
          // The transport broke the publish-order contract. The row is marked all the same: a confirmed message is
          // at the broker, ahead of the earlier row's retry, and no relay action can take it back. Leaving it
          // unmarked would only send it a second time after the earlier row, a duplicate the inbox skips, so the
          // order the consumer sees would be the same. What is left is to say so loudly.
          try (LogContext ignored = messageContext(row)) {
            LOG.error("Relay {}: {} confirmed outbox row {} of partition key '{}' although an earlier row of the key"
                + " failed in the same batch; consumers may apply them out of order. The transport must not send a"
                + " key's later message once an earlier one failed (see Transport's ordering contract)", relayId,
                transport.name(), row.id(), row.message().partitionKey());
          }
        }
        confirmed.add(row.id());
        continue;
      }
      int attempts = row.attempts() + 1;
      // Only the first failed row of a key can be poison: the later ones of the key were not sent because of it
      // (the publish-order contract), whatever error the transport passed on to them.
      boolean first = key == null || failedKeys.add(key);
      if (outcome.permanent && first) {
        park.add(new OutboxRows.Failure(row.id(), attempts, 0,
            "Refused permanently at attempt " + attempts + ": " + outcome.error));
      } else {
        // Unavailable (down, timed out, not confirmed): never parks. The row keeps its place and holds its key;
        // the backoff grows to maxBackoff and stays there until the broker is back.
        if (attempts == config.maxAttempts()) {
          try (LogContext ignored = messageContext(row)) {
            LOG.warn("Relay {}: outbox row {} still not published after {} attempts; the broker seems unavailable,"
                + " the row and the later rows of its key wait: {}", relayId, row.id(), attempts, outcome.error);
          }
        }
        long delay = config.backoff().delayAfter(attempts).toMillis();
        retry.add(new OutboxRows.Failure(row.id(), attempts, delay, outcome.error));
      }
    }
    return new Settled(confirmed, retry, park);
  }

  /** The ids of the row's message, next to the relay's id the batch put in the MDC. */
  private static LogContext messageContext(PendingRow row) {
    OutgoingMessage m = row.message();
    return LogContext.of(LogContext.MESSAGE_ID, m.messageId().toString(), LogContext.WIRE_NAME, m.wireName());
  }

  /** The unit of order: a partition key on one destination; null for a message without a key. */
  private static List<String> keyOf(OutgoingMessage m) {
    return m.partitionKey() == null ? null
        : List.of(m.destination().kind().name(), m.destination().domain(), m.partitionKey());
  }

  private List<Outcome> outcomes(List<OutgoingMessage> messages) {
    List<CompletableFuture<Void>> futures;
    try {
      futures = transport.publish(messages);
    } catch (RuntimeException e) {
      return same(messages.size(), new Outcome(transport.name() + " refused the batch: " + e,
          PermanentPublishException.isPermanent(e)));
    }
    if (futures == null || futures.size() != messages.size()) {
      return same(messages.size(), Outcome.unavailable(transport.name() + " returned "
          + (futures == null ? "no" : futures.size()) + " confirmations for " + messages.size() + " messages"));
    }
    List<Outcome> outcomes = new ArrayList<>(messages.size());
    long deadline = System.nanoTime() + config.confirmTimeout().toNanos();
    for (CompletableFuture<Void> future : futures) {
      outcomes.add(await(future, deadline));
    }
    return outcomes;
  }

  private static List<Outcome> same(int count, Outcome outcome) {
    List<Outcome> outcomes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      outcomes.add(outcome);
    }
    return outcomes;
  }

  private Outcome await(CompletableFuture<Void> future, long deadline) {
    try {
      future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return Outcome.OK;
    } catch (TimeoutException e) {
      future.cancel(false);
      return Outcome.unavailable(transport.name() + " did not confirm within " + config.confirmTimeout());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new Outcome(transport.name() + " rejected the message: " + cause,
          PermanentPublishException.isPermanent(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.unavailable("relay interrupted while awaiting confirmation");
    } catch (RuntimeException e) {
      return new Outcome(transport.name() + " failed: " + e, PermanentPublishException.isPermanent(e));
    }
  }

  /**
   * How one message fared: confirmed ({@code error == null}), refused for good ({@code permanent}: the message is
   * poison and is parked) or not published for now (the broker is unavailable: the row waits and is retried).
   */
  private record Outcome(String error, boolean permanent) {
    static final Outcome OK = new Outcome(null, false);

    static Outcome unavailable(String error) {
      return new Outcome(error, false);
    }
  }
}
