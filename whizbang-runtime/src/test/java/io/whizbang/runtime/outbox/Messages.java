package io.whizbang.runtime.outbox;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** Outgoing test messages whose body names their key and sequence number. */
public final class Messages {
  private Messages() {}

  public static OutgoingMessage message(String key, int sequence) {
    return new OutgoingMessage(UUID.randomUUID(), "orders.OrderPlaced", Destination.events("orders"), key, 0,
        Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
        (key + ":" + sequence).getBytes(StandardCharsets.UTF_8));
  }

  public static String body(OutgoingMessage message) {
    return new String(message.body(), StandardCharsets.UTF_8);
  }
}
