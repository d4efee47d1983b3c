package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One destination: which consumer groups are bound to it for which wire names, and, for a command destination,
 * the commands no group has asked for yet. Guarded by the transport's lock.
 */
final class Topic {

  final Destination destination;
  private final Map<ConsumerGroup, Set<String>> bindings = new LinkedHashMap<>();
  /** Commands sent before their owner subscribed wait here, as on a durable queue; events are broadcast only. */
  private final ArrayDeque<OutgoingMessage> unclaimedCommands = new ArrayDeque<>();

  Topic(Destination destination) {
    this.destination = destination;
  }

  /** Binds {@code group} for {@code wireNames} (added to earlier bindings) and hands it the commands it claims. */
  void bind(ConsumerGroup group, Set<String> wireNames, long now) {
    bindings.computeIfAbsent(group, g -> new HashSet<>()).addAll(wireNames);
    for (Iterator<OutgoingMessage> it = unclaimedCommands.iterator(); it.hasNext(); ) {
      OutgoingMessage m = it.next();
      if (wireNames.contains(m.wireName())) {
        it.remove();
        group.enqueue(m, now);
      }
    }
  }

  List<ConsumerGroup> groupsFor(String wireName) {
    List<ConsumerGroup> out = new ArrayList<>(bindings.size());
    bindings.forEach((group, names) -> {
      if (names.contains(wireName)) {
        out.add(group);
      }
    });
    return out;
  }

  boolean holdsUnclaimed() {
    return destination.kind() == Destination.Kind.COMMANDS;
  }

  int unclaimedCount() {
    return unclaimedCommands.size();
  }

  void holdUnclaimed(OutgoingMessage message) {
    unclaimedCommands.add(message);
  }
}
