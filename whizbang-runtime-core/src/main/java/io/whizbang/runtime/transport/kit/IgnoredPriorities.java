package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.transport.OutgoingMessage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a transport whose broker has no message priorities: warns once per message type (per transport instance)
 * that a prioritised message is published in plain order, so a priority set on the type or the send is not
 * silently believed to work.
 *
 * <pre>{@code
 * private final IgnoredPriorities priorities = new IgnoredPriorities("Kafka");
 * public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) { priorities.check(batch); ... }
 * }</pre>
 */
public final class IgnoredPriorities {
  private static final Logger LOG = LoggerFactory.getLogger(IgnoredPriorities.class);

  private final String broker;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public IgnoredPriorities(String broker) {
    this.broker = broker;
  }

  /** Warns for each type in {@code batch} that has a priority and was not warned about before. */
  public void check(List<OutgoingMessage> batch) {
    for (OutgoingMessage m : batch) {
      if (m.priority() > 0 && warned.add(m.wireName())) {
        LOG.warn("{} has no message priorities: {} (priority {}) is delivered in publish order like any other"
            + " message. Priorities are honoured on RabbitMQ classic queues only (docs/message-options.md)",
            broker, m.wireName(), m.priority());
      }
    }
  }

  /** The types warned about so far. */
  public Set<String> warnedTypes() {
    return Set.copyOf(warned);
  }
}
