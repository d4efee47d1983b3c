package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.inbox.Inbox;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.LogContext;
import io.whizbang.runtime.internal.tracing.MessageTrace;
import io.whizbang.runtime.outbox.ScheduledOutbox;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A consumer's dispatchers by wire name, run inside the inbox transaction, and the retry policy that applies to each
 * message. Built once, checking that every retry override names a wire name or handler the consumer has.
 */
final class InboxHandlers {
  private final Map<String, List<MessageDispatcher>> byWireName;
  private final OutgoingFactory outgoing;
  private final HandleSource handles = new HandleSource();
  private final InboxConfig config;
  private final String consumerId;
  private final ScheduledOutbox scheduled;

  InboxHandlers(String consumerId, List<MessageDispatcher> dispatchers, OutgoingFactory outgoing,
      InboxConfig config, ScheduledOutbox scheduled) {
    if (dispatchers.isEmpty()) {
      throw new IllegalArgumentException("Inbox consumer '" + consumerId + "' has no dispatchers: pass the"
          + " generated dispatchers of its handlers to dispatchers(...)");
    }
    Map<String, List<MessageDispatcher>> map = new LinkedHashMap<>();
    Set<String> handlerNames = new HashSet<>();
    for (MessageDispatcher d : dispatchers) {
      handlerNames.add(d.handlerName());
      for (String w : d.wireNames()) {
        map.computeIfAbsent(w, k -> new ArrayList<>(1)).add(d);
      }
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    for (String w : config.retryPolicyByWireName().keySet()) {
      if (!map.containsKey(w)) {
        throw new IllegalArgumentException("retryPolicyForWireName(\"" + w + "\"): no dispatcher of '" + consumerId
            + "' handles that wire name; known: " + new TreeSet<>(map.keySet()));
      }
    }
    for (String h : config.retryPolicyByHandler().keySet()) {
      if (!handlerNames.contains(h)) {
        throw new IllegalArgumentException("retryPolicyForHandler(\"" + h + "\"): '" + consumerId
            + "' has no dispatcher with that handler name; known: " + new TreeSet<>(handlerNames));
      }
    }
    this.byWireName = Map.copyOf(map);
    this.outgoing = outgoing;
    this.config = config;
    this.consumerId = consumerId;
    this.scheduled = scheduled;
  }

  /** The dispatchers of {@code wireName}, or null when none handles it. */
  List<MessageDispatcher> of(String wireName) {
    return byWireName.get(wireName);
  }

  Set<String> wireNames() {
    return byWireName.keySet();
  }

  /**
   * Runs the message's handlers on {@code c}, adding what they send or publish to {@code produced}; true when one
   * of them took the transaction (and may have written outbox rows itself).
   */
  boolean run(Received r, Connection c, List<OutgoingMessage> produced) throws Exception {
    GuardedContext context = new GuardedContext(r.envelope, c, handles, outgoing, produced, scheduled);
    // The message's span is current while its handlers run: what they send becomes its children.
    try (LogContext ignored = LogContext.message(r.envelope, LogContext.SUBSCRIBER, consumerId);
        MessageTrace.Scope traced = r.trace.current()) {
      for (MessageDispatcher d : r.dispatchers) {
        if (d instanceof ProjectionDispatcher p) {
          try (LogContext projection = LogContext.of(LogContext.PROJECTION, p.projectionName())) {
            d.dispatch(r.envelope, context);
          }
        } else {
          d.dispatch(r.envelope, context);
        }
      }
      return context.connectionUsed();
    } finally {
      context.closeHandle();
    }
  }

  /** The policy of the message's wire name, else of the first of its handlers with one, else the default. */
  InboxConfig.RetryPolicy policyFor(Received r) {
    InboxConfig.RetryPolicy p = config.retryPolicyByWireName().get(r.wireName());
    if (p != null) {
      return p;
    }
    for (MessageDispatcher d : r.dispatchers) {
      p = config.retryPolicyByHandler().get(d.handlerName());
      if (p != null) {
        return p;
      }
    }
    return config.retryPolicy();
  }
}
