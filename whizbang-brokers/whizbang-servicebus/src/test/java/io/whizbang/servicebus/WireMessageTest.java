package io.whizbang.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusMessage;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The message's expiry becomes the Service Bus time to live: the time it has left when it is sent. */
class WireMessageTest {

  private static OutgoingMessage expiringAt(Instant expiresAt) {
    Map<String, String> headers = expiresAt == null ? Map.of() : Map.of(BrokerHeaders.EXPIRES_AT, expiresAt.toString());
    return new OutgoingMessage(UUID.randomUUID(), "orders.Remind", Destination.commands("orders"), "o-1", 0, headers,
        new byte[] {'{', '}'});
  }

  @Test
  void theTimeLeftBecomesTheTimeToLive() {
    ServiceBusMessage sent = WireMessage.of(expiringAt(Instant.now().plusSeconds(600)));

    assertThat(sent.getTimeToLive()).isBetween(Duration.ofSeconds(590), Duration.ofSeconds(600));
  }

  @Test
  void aMessageWithoutExpiryKeepsTheEntitysDefault() {
    assertThat(WireMessage.of(expiringAt(null)).getTimeToLive()).isNull();
  }
}
