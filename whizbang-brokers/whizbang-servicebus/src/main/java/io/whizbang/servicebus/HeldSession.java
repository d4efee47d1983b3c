package io.whizbang.servicebus;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session one lane holds, with what its handler calls settled: completions at once, releases collected until the
 * call returned ({@link #abandonReleased}). A lost session lock is reported once; from then on the session's messages
 * come back to whoever takes the session next, and the inbox recognises those already applied.
 */
final class HeldSession {

  private static final Logger LOG = LoggerFactory.getLogger(HeldSession.class);

  private final ServiceBusReceiverClient receiver;
  private final String where;
  private final SendCounters counters;
  private final List<ServiceBusDelivery> released = new ArrayList<>();
  private Duration longestDelay = Duration.ZERO;
  private volatile boolean lost;

  HeldSession(ServiceBusReceiverClient receiver, String where, SendCounters counters) {
    this.receiver = receiver;
    this.where = where + " session '" + receiver.getSessionId() + "'";
    this.counters = counters;
  }

  ServiceBusReceiverClient receiver() {
    return receiver;
  }

  boolean lost() {
    return lost;
  }

  void complete(ServiceBusDelivery d) {
    try {
      receiver.complete(d.message());
    } catch (RuntimeException e) {
      settleFailed("complete", d, e);
    }
  }

  synchronized void released(ServiceBusDelivery d, Duration delay) {
    released.add(d);
    if (delay.compareTo(longestDelay) > 0) {
      longestDelay = delay;
    }
  }

  /** The longest delay asked for by the releases since the last {@link #abandonReleased}. */
  synchronized Duration releaseDelay() {
    return released.isEmpty() ? null : longestDelay;
  }

  /** Abandons what was released, in delivery order: each comes back at its place, first in its session. */
  void abandonReleased() {
    List<ServiceBusDelivery> toAbandon;
    synchronized (this) {
      toAbandon = new ArrayList<>(released);
      released.clear();
      longestDelay = Duration.ZERO;
    }
    for (ServiceBusDelivery d : toAbandon) {
      abandon(d);
    }
  }

  void abandon(ServiceBusDelivery d) {
    if (lost) {
      return; // the message is back on the entity already
    }
    try {
      receiver.abandon(d.message());
      counters.abandoned.increment();
    } catch (RuntimeException e) {
      settleFailed("abandon", d, e);
    }
  }

  /** Moves the message to the entity's dead-letter sub-queue with a reason and a description. */
  void deadLetter(ServiceBusReceivedMessage m, String reason, String description) {
    try {
      receiver.deadLetter(m, new DeadLetterOptions().setDeadLetterReason(reason)
          .setDeadLetterErrorDescription(description));
      counters.deadLettered.increment();
    } catch (RuntimeException e) {
      settleFailed("dead-letter", "message " + m.getMessageId(), e);
    }
  }

  /** Completes a message no handler here asked for (an event a rule let through before it was updated). */
  void completeUnseen(ServiceBusReceivedMessage m) {
    try {
      receiver.complete(m);
    } catch (RuntimeException e) {
      settleFailed("complete", "message " + m.getMessageId(), e);
    }
  }

  /** Lets the session go: messages not settled become available again, in order, to the next taker. */
  void close() {
    try {
      receiver.close();
    } catch (RuntimeException e) {
      LOG.debug("{}: closing the session receiver: {}", where, e.toString());
    }
  }

  private void settleFailed(String what, Object d, RuntimeException e) {
    counters.settleFailures.increment();
    if (isLockLost(e)) {
      if (!lost) {
        lost = true;
        counters.lockLost.increment();
        LOG.warn("{}: the session lock was lost ({} of {} failed); its messages will be delivered again and the"
            + " inbox recognises those already applied", where, what, d);
      }
      return;
    }
    LOG.warn("{}: {} of {} failed; the message comes back when its lock runs out: {}", where, what, d, e.toString());
  }

  static boolean isLockLost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ServiceBusException sb && (sb.getReason() == ServiceBusFailureReason.SESSION_LOCK_LOST
          || sb.getReason() == ServiceBusFailureReason.MESSAGE_LOCK_LOST)) {
        return true;
      }
    }
    return false;
  }
}
