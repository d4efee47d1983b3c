package io.whizbang.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a message is measured against a transport's declared limits, and the error a user sees. */
class TransportLimitsTest {

  private static final UUID ID = UUID.fromString("0196a7a4-6b00-7000-8000-0000000000aa");
  private static final TransportLimits SMALL = TransportLimits.of("Test broker frame 1000")
      .withMaxHeaderBytes(100).withMaxHeaderNameBytes(20).withBytesPerHeader(6).withMaxMessageBytes(300);

  private static OutgoingMessage message(Map<String, String> headers, String key, int bodyBytes) {
    return new OutgoingMessage(ID, "orders.OrderPlaced", Destination.events("orders"), key, 0, headers,
        new byte[bodyBytes]);
  }

  @Test
  void headersAreTheirNamesValuesAndTheBrokersCostPerHeaderInUtf8() {
    // 2 + 44 + 6 = 52, and 1 + 41 + 6 = 48: 100 bytes in all, exactly the limit.
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("h1", "é".repeat(22));
    headers.put("g", "😀".repeat(10) + "x");
    assertThat(("é".repeat(22)).getBytes(StandardCharsets.UTF_8)).hasSize(44);
    assertThatCode(() -> SMALL.check(message(headers, null, 0), "It was not sent")).doesNotThrowAnyException();

    headers.put("g", "😀".repeat(10) + "xy");
    assertThatThrownBy(() -> SMALL.check(message(headers, null, 0), "It was not sent"))
        .isInstanceOf(TransportLimitException.class)
        .isInstanceOf(PermanentPublishException.class)
        .hasMessage("Message orders.OrderPlaced 0196a7a4-6b00-7000-8000-0000000000aa exceeds the limits of the"
            + " transport (Test broker frame 1000): its headers are 101 bytes, over the 100 bytes of headers it"
            + " allows; its largest header, 'h1', is 52 bytes. It was not sent: keep large data out of headers,"
            + " partition keys and messages (store it and send its id)");
  }

  @Test
  void aHeaderNameOverTheBrokersLengthIsRefusedByName() {
    String name = "n".repeat(21);
    assertThatThrownBy(() -> SMALL.check(message(Map.of(name, "v"), null, 0), "It was not written to the outbox"))
        .isInstanceOf(TransportLimitException.class)
        .hasMessageContaining("the name of header '" + name + "' is 21 bytes, over the 20 bytes a header name may"
            + " have. It was not written to the outbox");
  }

  @Test
  void theMessageCountsBodyPartitionKeyAndHeaders() {
    // headers: a=b is 1 + 1 + 6 = 8, the key as wb-partition-key 16 + 2 + 6 = 24; key 2; body 266: 300.
    assertThatCode(() -> SMALL.check(message(Map.of("a", "b"), "k1", 266), "-")).doesNotThrowAnyException();
    assertThatThrownBy(() -> SMALL.check(message(Map.of("a", "b"), "k12", 266), "It was not sent"))
        .isInstanceOf(TransportLimitException.class)
        .hasMessageContaining("it is 302 bytes (body 266, headers 33, partition key included), over the 300 bytes"
            + " it allows; its largest header, 'wb-partition-key', is 25 bytes. It was not sent");
  }

  @Test
  void aPartitionKeyTheHeadersDoNotCarryCountsAsTheHeaderTransportsSendItIn() {
    // 16 + 78 + 6 = 100: at the limit; one more character is over it.
    assertThatCode(() -> SMALL.check(message(Map.of(), "k".repeat(78), 0), "-")).doesNotThrowAnyException();
    assertThatThrownBy(() -> SMALL.check(message(Map.of(), "k".repeat(79), 0), "It was not sent"))
        .hasMessageContaining("its headers are 101 bytes, over the 100 bytes of headers it allows; its largest"
            + " header, 'wb-partition-key', is 101 bytes");
    // Carried in the headers, it counts once.
    assertThatCode(() -> SMALL.check(message(Map.of("wb-partition-key", "k".repeat(78)), "k".repeat(78), 0), "-"))
        .doesNotThrowAnyException();
  }

  @Test
  void noDeclaredLimitPassesEverything() {
    OutgoingMessage huge = message(Map.of("x".repeat(10_000), "y".repeat(1_000_000)), "k".repeat(100_000),
        10_000_000);
    assertThatCode(() -> TransportLimits.NONE.check(huge, "-")).doesNotThrowAnyException();
    assertThat(new Transport() {
      @Override public String name() {
        return "double";
      }

      @Override public java.util.List<java.util.concurrent.CompletableFuture<Void>> publish(
          java.util.List<OutgoingMessage> batch) {
        return java.util.List.of();
      }

      @Override public Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler) {
        throw new UnsupportedOperationException();
      }

      @Override public void close() {}
    }.limits()).isSameAs(TransportLimits.NONE);
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> TransportLimits.of("x").withMaxHeaderBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limits must be positive");
  }
}
