package io.whizbang.runtime.testfixtures;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A subscription that reads both kinds of a domain's destinations (its command queue and its events), and messages
 * for both: for broker tests about what a subscription has waiting on more than one queue or entity.
 */
public final class CommandsAndEvents {

  public static final String COMMAND = "orders.Bill";
  public static final String EVENT = "orders.Placed";

  private CommandsAndEvents() {}

  /** {@code subscriber}'s subscription, one lane, to the commands and events of {@code domain}. */
  public static SubscriptionRequest request(String subscriber, String domain) {
    return new SubscriptionRequest(subscriber, List.of(
        new SubscriptionRequest.Source(Destination.commands(domain), Set.of(COMMAND)),
        new SubscriptionRequest.Source(Destination.events(domain), Set.of(EVENT))), 1);
  }

  /** {@code perKind} commands and as many events of {@code domain}, each with a key of its own, body {@code {}}. */
  public static List<OutgoingMessage> messages(String domain, int perKind) {
    List<OutgoingMessage> out = new ArrayList<>();
    for (int i = 0; i < perKind; i++) {
      out.add(message(Destination.commands(domain), COMMAND, "c" + i));
      out.add(message(Destination.events(domain), EVENT, "e" + i));
    }
    return out;
  }

  private static OutgoingMessage message(Destination destination, String wireName, String key) {
    return new OutgoingMessage(UUID.randomUUID(), wireName, destination, key, 0, Map.of(),
        "{}".getBytes(StandardCharsets.UTF_8));
  }
}
