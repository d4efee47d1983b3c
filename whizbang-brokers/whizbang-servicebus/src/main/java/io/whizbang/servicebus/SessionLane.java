package io.whizbang.servicebus;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.kit.HandlerCalls;
import io.whizbang.runtime.transport.kit.TransportCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane of a subscription on one entity: takes the next session with messages, hands its messages to the handler
 * a batch at a time, and lets the session go once it has been idle for {@code sessionIdleTimeout}. A session is one
 * partition key, and Service Bus locks it to one receiver across all instances, so a key's messages are handled one
 * batch at a time, in order, wherever they are handled.
 *
 * <p>Release: the lane keeps the session (its lock renewed) while the released message waits out its delay, then
 * abandons it and the later messages released with it; they come back first in their session. Nothing of the key
 * overtakes them, here or in another instance. The price: the lane serves no other key meanwhile.
 */
final class SessionLane implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(SessionLane.class);
  /** How long what a throwing handler left unsettled waits before it is abandoned (redelivered). */
  static final Duration FAILURE_DELAY = Duration.ofSeconds(1);
  private static final long ERROR_PAUSE_MILLIS = 1_000;
  private static final Duration NO_SESSION_PAUSE = Duration.ofMillis(50);
  /**
   * The SDK's synchronous receive returns early only when the batch is full; otherwise it waits out the whole window,
   * even with messages in its buffer. Short windows hand a part-full batch over quickly; {@code sessionIdleTimeout}
   * is counted over several of them.
   */
  private static final Duration MAX_RECEIVE_WINDOW = Duration.ofMillis(20);

  private final SessionSource source;
  private final DeliveryHandler handler;
  private final ServiceBusConfig config;
  private final TransportCounters deliveries;
  private final SendCounters counters;
  private final String subscriberId;
  private final String where;
  private final Duration receiveWindow;
  private final Duration firstMessageWait;
  private final Object acceptLock = new Object();
  private volatile boolean running = true;
  private volatile boolean killed;
  private boolean accepting;
  private volatile HeldSession held;
  private volatile List<ServiceBusDelivery> inHand = List.of();
  private Thread thread;

  SessionLane(SessionSource source, DeliveryHandler handler, ServiceBusConfig config, TransportCounters deliveries,
      SendCounters counters, String subscriberId, int index) {
    this.source = source;
    this.handler = handler;
    this.config = config;
    this.deliveries = deliveries;
    this.counters = counters;
    this.subscriberId = subscriberId;
    this.receiveWindow = config.sessionIdleTimeout().compareTo(MAX_RECEIVE_WINDOW) < 0 ? config.sessionIdleTimeout()
        : MAX_RECEIVE_WINDOW;
    this.firstMessageWait = config.sessionIdleTimeout().compareTo(Duration.ofSeconds(2)) > 0
        ? config.sessionIdleTimeout() : Duration.ofSeconds(2);
    this.where = "subscriber '" + subscriberId + "' on '" + source.entityPath() + "' lane " + index;
  }

  void start(Thread t) {
    thread = t;
    t.start();
  }

  Thread thread() {
    return thread;
  }

  @Override
  public void run() {
    while (running) {
      HeldSession session = accept();
      if (session == null) {
        continue;
      }
      held = session;
      try {
        drain(session);
      } catch (RuntimeException e) {
        LOG.error("{}: unexpected failure; the session is let go and the lane goes on", where, e);
      } finally {
        held = null;
        if (!killed) {
          session.close();
        }
      }
    }
  }

  /** The next session with messages, or {@code null} when none came within the operation timeout. */
  private HeldSession accept() {
    synchronized (acceptLock) {
      if (!running) {
        return null;
      }
      accepting = true;
    }
    long began = System.nanoTime();
    try {
      HeldSession session = new HeldSession(source.sessions().acceptNextSession(), where, counters);
      counters.sessionsAccepted.increment();
      return session;
    } catch (RuntimeException e) {
      if (running && noSessionAvailable(e) && System.nanoTime() - began < NO_SESSION_PAUSE.toNanos()) {
        pause(NO_SESSION_PAUSE.toMillis()); // the broker said so at once: do not ask again in a tight loop
      } else if (running && !noSessionAvailable(e)) {
        LOG.warn("{}: cannot take a session, trying again in {} ms: {}", where, ERROR_PAUSE_MILLIS,
            PublishRefusals.isMissingEntity(e) ? "the entity does not exist (create it, or turn provisioning on)"
                : e.toString());
        pause(ERROR_PAUSE_MILLIS);
      }
      return null;
    } finally {
      synchronized (acceptLock) {
        accepting = false;
        Thread.interrupted(); // an interrupt meant for the wait above must not reach a handler
      }
    }
  }

  private void drain(HeldSession session) {
    // A session is granted because it has messages, but its link may take a while to start delivering: wait for the
    // first message (one is enough to end the wait), then take what else is there.
    List<ServiceBusReceivedMessage> first = receive(session, 1, firstMessageWait);
    if (first == null || first.isEmpty()) {
      return;
    }
    List<ServiceBusReceivedMessage> messages = new ArrayList<>(first);
    List<ServiceBusReceivedMessage> more = receive(session, config.maxBatch() - 1, receiveWindow);
    if (more != null) {
      messages.addAll(more);
    }
    long idleSince = System.nanoTime();
    while (running && !session.lost()) {
      if (messages == null) {
        return; // receiving failed: let the session go
      }
      if (messages.isEmpty()) {
        if (System.nanoTime() - idleSince >= config.sessionIdleTimeout().toNanos()) {
          return; // idle: let the session go, another key may be waiting
        }
        messages = receive(session, config.maxBatch(), receiveWindow);
        continue;
      }
      idleSince = System.nanoTime();
      handle(session, messages);
      messages = running ? receive(session, config.maxBatch(), receiveWindow) : List.of();
    }
  }

  private void handle(HeldSession session, List<ServiceBusReceivedMessage> messages) {
    List<ServiceBusDelivery> batch = new ArrayList<>(messages.size());
    for (ServiceBusReceivedMessage m : messages) {
      String wireName = WireMessage.wireName(m);
      if (source.wants(wireName)) {
        batch.add(new ServiceBusDelivery(m, session, deliveries));
      } else if (source.kind() == Destination.Kind.COMMANDS) {
        // A command nobody here handles must not vanish: it goes to the queue's dead-letter sub-queue.
        LOG.warn("{}: command {} ({}) is not handled by subscriber '{}'; dead-lettering it", where, wireName,
            m.getMessageId(), subscriberId);
        session.deadLetter(m, "NoHandler", "subscriber '" + subscriberId + "' does not handle " + wireName);
      } else {
        session.completeUnseen(m); // an event its subscription's rules no longer let in
      }
    }
    if (!running) {
      batch.forEach(d -> {
        if (d.claim()) {
          session.abandon(d); // received while closing: straight back for the next taker
        }
      });
      return;
    }
    if (!batch.isEmpty()) {
      inHand = batch;
      HandlerCalls.handOver(handler, batch, FAILURE_DELAY, where);
      inHand = List.of();
    }
    Duration delay = session.releaseDelay();
    if (delay != null && !killed) {
      waitOut(delay);
      session.abandonReleased();
    }
  }

  /** Up to {@code max} messages of the held session within {@code window}; {@code null} when receiving failed. */
  private List<ServiceBusReceivedMessage> receive(HeldSession session, int max, Duration window) {
    if (max < 1) {
      return List.of();
    }
    try {
      return session.receiver().receiveMessages(max, window).stream().toList();
    } catch (RuntimeException e) {
      if (running) {
        LOG.warn("{}: receiving failed; the session is let go: {}", where, e.toString());
      }
      return null;
    }
  }

  /** Waits out a release delay holding the session (its lock is renewed); a closing subscription cuts it short. */
  private void waitOut(Duration delay) {
    long deadline = System.nanoTime() + delay.toNanos();
    while (running) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      pause(Math.max(1, Math.min(50, left / 1_000_000)));
    }
  }

  /** Stops after the batch in hand; interrupts only a wait for a session, never a handler. */
  void stop() {
    synchronized (acceptLock) {
      running = false;
      if (accepting && thread != null) {
        thread.interrupt();
      }
    }
  }

  /**
   * Stops as a process that dies would (tests): nothing more is settled; the deliveries in hand ignore late
   * settlements, and the session is dropped without a word, so its messages come back to the next taker.
   */
  void kill() {
    killed = true;
    stop();
    inHand.forEach(ServiceBusDelivery::abandon);
    HeldSession session = held;
    if (session != null) {
      session.close();
    }
  }

  private static boolean noSessionAvailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t instanceof InterruptedException) {
        return true;
      }
      if (t instanceof AmqpException a && a.getErrorCondition() == AmqpErrorCondition.TIMEOUT_ERROR) {
        return true;
      }
      // The SDK's words when the broker opened the link without a session and is closing it: none available.
      if (t.getMessage() != null && (t.getMessage().startsWith("Timeout on blocking read")
          || t.getMessage().contains("There is no session id"))) {
        return true;
      }
    }
    return false;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
