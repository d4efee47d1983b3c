package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The in-memory transport as a broker that the fault suite can stop, start and reconfigure, as it does a real
 * broker's process. The in-memory transport has no process of its own: here one {@link InMemoryTransport} plays
 * the broker (its queues outlive a stop, as a real broker's durable queues do) and each {@link #connect()} is a
 * client connected to it.
 *
 * <ul>
 *   <li>While the broker is stopped, every publish fails as a refused connection does (a plain
 *       {@link WhizbangException}: unavailable, never poison), and nothing is delivered: a handler call waits until
 *       the broker is started again.
 *   <li>{@link #maxMessageBytes(int)} changes the largest message the broker accepts, live, as an operator changes
 *       a real broker's limit. A larger message is refused for good with the transport's own
 *       {@link InMemoryMessageTooLargeException}, and the later messages of its key in the same publish call are
 *       not sent (the transport ordering contract).
 * </ul>
 */
public final class StoppableInMemoryBroker implements AutoCloseable {
  private final InMemoryTransport broker = InMemoryTransport.builder().failureBackoff(java.time.Duration.ofMillis(50))
      .build();
  private final Object upSignal = new Object();
  private volatile boolean down;
  private volatile boolean closed;
  private volatile int maxMessageBytes = Integer.MAX_VALUE;

  /** A client of this broker; closing it leaves the broker and its queues alone. */
  public Transport connect() {
    return new Client();
  }

  /** Stops the broker: publishes fail and deliveries wait until {@link #start()}. */
  public void stop() {
    down = true;
  }

  public void start() {
    synchronized (upSignal) {
      down = false;
      upSignal.notifyAll();
    }
  }

  /** The largest message body the broker accepts from now on. */
  public void maxMessageBytes(int bytes) {
    maxMessageBytes = bytes;
  }

  @Override
  public void close() {
    closed = true;
    start();
    broker.close();
  }

  private void awaitUp() {
    synchronized (upSignal) {
      while (down && !closed) {
        try {
          upSignal.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private final class Client implements Transport {
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "in-memory (stoppable broker)";
    }

    @Override
    public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
      List<CompletableFuture<Void>> results = new ArrayList<>(batch.size());
      if (down) {
        for (OutgoingMessage message : batch) {
          results.add(CompletableFuture.failedFuture(new WhizbangException("In-memory broker: connection refused,"
              + " the broker is stopped; message " + message.messageId() + " was not sent")));
        }
        return results;
      }
      int limit = maxMessageBytes;
      List<OutgoingMessage> accepted = new ArrayList<>(batch.size());
      List<Integer> acceptedAt = new ArrayList<>(batch.size());
      Set<List<Object>> refusedKeys = new HashSet<>();
      for (OutgoingMessage message : batch) {
        List<Object> key = message.partitionKey() == null ? null
            : List.of(message.destination(), message.partitionKey());
        if (key != null && refusedKeys.contains(key)) {
          results.add(CompletableFuture.failedFuture(new WhizbangException("In-memory broker: message "
              + message.messageId() + " was not sent because an earlier message of its key was refused")));
        } else if (message.body().length > limit) {
          if (key != null) {
            refusedKeys.add(key);
          }
          results.add(CompletableFuture.failedFuture(new InMemoryMessageTooLargeException("In-memory broker:"
              + " message " + message.messageId() + " is " + message.body().length + " bytes, more than the"
              + " broker's limit of " + limit)));
        } else {
          acceptedAt.add(results.size());
          results.add(null);
          accepted.add(message);
        }
      }
      List<CompletableFuture<Void>> confirmed = accepted.isEmpty() ? List.of() : broker.publish(accepted);
      for (int i = 0; i < confirmed.size(); i++) {
        results.set(acceptedAt.get(i), confirmed.get(i));
      }
      return results;
    }

    @Override
    public Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler) {
      Subscription subscription = broker.subscribe(request, batch -> {
        awaitUp();
        handler.handle(batch);
      });
      subscriptions.add(subscription);
      return subscription;
    }

    @Override
    public void close() {
      subscriptions.forEach(Subscription::close);
    }
  }
}
