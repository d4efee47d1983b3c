package io.whizbang.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import io.whizbang.runtime.transport.PermanentPublishException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes with publisher confirms and the mandatory flag on one channel. A future completes normally only on the
 * broker's ack, and exceptionally on a nack, a return (unroutable), the confirm timeout, or the channel going down
 * with the message unconfirmed; nothing is buffered or retried here, because the outbox owns retries.
 */
final class Publisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  private final Connection connection;
  private final Duration confirmTimeout;
  private final ScheduledExecutorService timer;
  private final Object lock = new Object();
  private final AtomicLong unroutable = new AtomicLong();
  private ConfirmChannel current; // guarded by lock
  private boolean closed; // guarded by lock

  Publisher(Connection connection, Duration confirmTimeout, ScheduledExecutorService timer) {
    this.connection = connection;
    this.confirmTimeout = confirmTimeout;
    this.timer = timer;
  }

  /**
   * Publishes one message; see the class comment for when the future completes. With {@code failIfUnroutable} off,
   * a message no queue takes is counted and logged ({@link #unroutable()}) and its future completes on the ack.
   */
  CompletableFuture<Void> send(Names.Route route, AMQP.BasicProperties properties, byte[] body,
      boolean failIfUnroutable) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    synchronized (lock) {
      if (closed) {
        // A message that waited for its key's previous confirm must not open a new channel after close.
        future.completeExceptionally(new RabbitMqPublishException("cannot publish message "
            + properties.getMessageId() + " to " + route + ": the transport is closed"));
        return future;
      }
      ConfirmChannel target;
      try {
        target = channel();
      } catch (IOException | RuntimeException e) {
        future.completeExceptionally(new RabbitMqPublishException(
            "cannot publish to " + route + ": no channel to the broker (" + e.getMessage() + ")", e));
        return future;
      }
      target.publish(route, properties, body, failIfUnroutable, future);
    }
    if (!future.isDone()) {
      ScheduledFuture<?> timeout = timer.schedule(() -> future.completeExceptionally(new RabbitMqPublishException(
              "the broker did not confirm message " + properties.getMessageId() + " to " + route + " within "
                  + confirmTimeout.toMillis() + " ms")),
          confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
      future.whenComplete((ok, error) -> timeout.cancel(false));
    }
    return future;
  }

  /** Messages the broker returned because no queue was bound for them. */
  long unroutable() {
    return unroutable.get();
  }

  private ConfirmChannel channel() throws IOException {
    // A channel closed by a channel-level error is not recovered by the client; one closed with its connection is.
    if (current == null || (!current.channel.isOpen() && connection.isOpen())) {
      current = new ConfirmChannel(connection.createChannel());
    }
    return current;
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (current != null) {
        current.failAll(new RabbitMqPublishException("the transport was closed before the broker confirmed"));
        try {
          if (current.channel.isOpen()) {
            current.channel.close();
          }
        } catch (IOException | TimeoutException | RuntimeException ignored) {
          // closing anyway
        }
      }
    }
  }

  /** One confirm-mode channel and the futures of its unconfirmed messages, by publish sequence number. */
  private final class ConfirmChannel {
    final Channel channel;
    final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();

    ConfirmChannel(Channel channel) throws IOException {
      this.channel = channel;
      channel.confirmSelect();
      channel.addConfirmListener((seq, multiple) -> settle(seq, multiple, null),
          (seq, multiple) -> settle(seq, multiple, "the broker refused (nack) message"));
      channel.addReturnListener(this::returned);
      channel.addShutdownListener(this::down);
    }

    void publish(Names.Route route, AMQP.BasicProperties properties, byte[] body, boolean failIfUnroutable,
        CompletableFuture<Void> future) {
      long seq = channel.getNextPublishSeqNo();
      Pending entry = new Pending(future, properties.getMessageId(), route, failIfUnroutable, body.length);
      pending.put(seq, entry);
      future.whenComplete((ok, error) -> pending.remove(seq, entry));
      try {
        channel.basicPublish(route.exchange(), route.routingKey(), true, properties, body);
      } catch (IOException | RuntimeException e) {
        future.completeExceptionally(new RabbitMqPublishException(
            "could not publish message " + properties.getMessageId() + " to " + route + ": " + e.getMessage(), e));
        if (e instanceof RuntimeException refused) {
          abandon(refused);
        }
      }
    }

    /**
     * The client numbers a message for confirms before it encodes it, so a message it refused while encoding (a
     * header frame over frame_max) leaves this channel's numbers one ahead of the broker's, and every later ack
     * would settle the wrong message. A new channel numbers afresh; the messages still unconfirmed here fail as
     * unavailable and are published again.
     */
    private void abandon(RuntimeException cause) {
      LOG.warn("Replacing the publishing channel: the client refused a message after numbering it ({})",
          cause.toString());
      try {
        channel.abort();
      } catch (IOException | RuntimeException ignored) {
        // closing anyway; the shutdown listener fails what was unconfirmed
      }
    }

    private void settle(long seq, boolean multiple, String refusal) {
      Map<Long, Pending> confirmed = multiple ? pending.headMap(seq, true) : single(seq);
      for (Pending entry : confirmed.values()) {
        if (refusal != null) {
          entry.future.completeExceptionally(
              new RabbitMqPublishException(refusal + " " + entry.messageId + " to " + entry.route));
        } else if (entry.returned != null) {
          entry.future.completeExceptionally(new RabbitMqPublishException(entry.returned));
        } else {
          entry.future.complete(null);
        }
      }
      confirmed.clear();
    }

    private Map<Long, Pending> single(long seq) {
      return pending.subMap(seq, true, seq, true);
    }

    /** A mandatory message no queue took: the broker returns it before it acks it. */
    private void returned(Return message) {
      String id = message.getProperties().getMessageId();
      for (Pending entry : pending.values()) {
        if (!entry.seenReturn && entry.messageId != null && entry.messageId.equals(id)) {
          entry.seenReturn = true;
          unroutable.incrementAndGet();
          if (!entry.failIfUnroutable) {
            LOG.debug("message {} ({}) had no queue bound to {}; nobody subscribes to it", id,
                message.getProperties().getType(), entry.route);
            return;
          }
          entry.returned = "message " + id + " (" + message.getProperties().getType() + ") is unroutable: "
              + "no queue is bound to " + entry.route + " (" + message.getReplyCode() + " "
              + message.getReplyText() + "); start a subscriber or declare the queue and binding";
          return;
        }
      }
    }

    private void down(ShutdownSignalException cause) {
      RabbitMqPublishException caught = new RabbitMqPublishException(
          "the channel closed before the broker confirmed (" + cause.getMessage() + "); publish again", cause);
      PermanentRefusal refusal = PermanentRefusal.of(cause);
      for (Pending entry : pending.values()) {
        entry.future.completeExceptionally(refusal.refuses(entry.bodyBytes, entry.route.exchange())
            ? new RabbitMqPublishException("the broker refused message " + entry.messageId + " to " + entry.route
                + " for good: " + cause.getMessage(), new PermanentPublishException(cause.getMessage(), cause))
            : caught);
      }
      pending.clear();
    }

    void failAll(RabbitMqPublishException error) {
      for (Pending entry : pending.values()) {
        entry.future.completeExceptionally(error);
      }
      pending.clear();
    }
  }

  private static final class Pending {
    final CompletableFuture<Void> future;
    final String messageId;
    final Names.Route route;
    final boolean failIfUnroutable;
    volatile boolean seenReturn;
    volatile String returned;

    final int bodyBytes;

    Pending(CompletableFuture<Void> future, String messageId, Names.Route route, boolean failIfUnroutable,
        int bodyBytes) {
      this.future = future;
      this.bodyBytes = bodyBytes;
      this.messageId = messageId;
      this.route = route;
      this.failIfUnroutable = failIfUnroutable;
    }
  }
}
