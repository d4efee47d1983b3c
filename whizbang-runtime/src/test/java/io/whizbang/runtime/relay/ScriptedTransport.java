package io.whizbang.runtime.relay;

import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A broker stand-in that confirms, rejects or never answers each message as the test decides, and records every
 * message it confirmed in confirmation order (one shared log, as a broker's would be).
 */
final class ScriptedTransport implements Transport {
  /**
   * CONFIRM: accepted; FAIL: the broker is unavailable (connection refused); REJECT: refused for good (poison);
   * TIMEOUT: never answered.
   */
  enum Outcome { CONFIRM, FAIL, REJECT, TIMEOUT }

  /** Decides a message's fate from the message and how many times it was offered before. */
  private volatile BiFunction<OutgoingMessage, Integer, Outcome> script = (m, n) -> Outcome.CONFIRM;
  private final Map<UUID, AtomicInteger> offers = new ConcurrentHashMap<>();
  private final List<OutgoingMessage> confirmed;
  private final List<CompletableFuture<Void>> unanswered = new CopyOnWriteArrayList<>();
  /** When set, the next publish call throws this Error (once), as a transport running out of memory would. */
  private final java.util.concurrent.atomic.AtomicReference<Error> nextError =
      new java.util.concurrent.atomic.AtomicReference<>();
  /** Whether a failed message fails the later messages of its key in the same call, as the Transport SPI says. */
  private volatile boolean keepsKeyOrder;

  ScriptedTransport() {
    this(new CopyOnWriteArrayList<>());
  }

  /** A transport writing to a log shared with others (several relays, one broker). */
  ScriptedTransport(List<OutgoingMessage> sharedLog) {
    this.confirmed = sharedLog;
  }

  /** Follow the publish-order contract: after a failure, the later messages of its key in the call fail too. */
  ScriptedTransport keepingKeyOrder() {
    keepsKeyOrder = true;
    return this;
  }

  void throwOnce(Error error) {
    nextError.set(error);
  }

  void script(BiFunction<OutgoingMessage, Integer, Outcome> value) {
    script = value;
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
    Error error = nextError.getAndSet(null);
    if (error != null) {
      throw error;
    }
    List<CompletableFuture<Void>> futures = new ArrayList<>(batch.size());
    synchronized (confirmed) {
      java.util.Set<String> failedKeys = new java.util.HashSet<>();
      for (OutgoingMessage m : batch) {
        int previous = offers.computeIfAbsent(m.messageId(), k -> new AtomicInteger()).getAndIncrement();
        String key = m.destination() + "/" + m.partitionKey();
        if (keepsKeyOrder && m.partitionKey() != null && failedKeys.contains(key)) {
          futures.add(CompletableFuture.failedFuture(new IllegalStateException("not sent: an earlier message of"
              + " its key failed in this call")));
          continue;
        }
        Outcome outcome = script.apply(m, previous);
        if (outcome != Outcome.CONFIRM) {
          failedKeys.add(key);
        }
        switch (outcome) {
          case CONFIRM -> {
            confirmed.add(m);
            futures.add(CompletableFuture.completedFuture(null));
          }
          case FAIL -> futures.add(CompletableFuture.failedFuture(
              new java.net.ConnectException("broker said no: connection refused")));
          case REJECT -> futures.add(CompletableFuture.failedFuture(
              new PermanentPublishException("broker said no: message too large")));
          case TIMEOUT -> {
            CompletableFuture<Void> never = new CompletableFuture<>();
            unanswered.add(never);
            futures.add(never);
          }
        }
      }
    }
    return futures;
  }

  List<OutgoingMessage> confirmed() {
    return confirmed;
  }

  int offers(UUID messageId) {
    AtomicInteger n = offers.get(messageId);
    return n == null ? 0 : n.get();
  }

  @Override
  public Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler) {
    throw new UnsupportedOperationException("the scripted transport only publishes");
  }

  @Override
  public void close() {
    unanswered.forEach(f -> f.cancel(false));
  }
}
