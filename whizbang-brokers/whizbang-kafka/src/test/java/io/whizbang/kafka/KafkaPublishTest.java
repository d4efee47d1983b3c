package io.whizbang.kafka;

import io.whizbang.runtime.envelope.BrokerHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishing against the real broker: confirmations, refusals, headers and per-key partitioning. */
class KafkaPublishTest {

  private final List<KafkaTransport> transports = new ArrayList<>();

  @BeforeEach
  void broker() {
    KafkaBroker.require();
  }

  @AfterEach
  void closeTransports() {
    transports.forEach(KafkaTransport::close);
  }

  private KafkaTransport transport(KafkaConfig config) {
    KafkaTransport transport = KafkaTransport.connect(config);
    transports.add(transport);
    return transport;
  }

  @Test
  void aConfirmedMessageIsDurablyOnTheTopic() throws Exception {
    KafkaTransport kafka = transport(KafkaBroker.config().build());
    String domain = KafkaBroker.uniqueDomain("confirm");
    List<OutgoingMessage> batch = Messages.interleaved(domain, "confirm.Happened", 4, 5);

    Messages.publishAndConfirm(kafka, batch);

    List<String> replayed = new ArrayList<>();
    kafka.replay(Destination.events(domain), ReplayFrom.beginning(), m -> replayed.add(Messages.text(m.body())));
    assertThat(replayed).containsExactlyInAnyOrderElementsOf(
        batch.stream().map(m -> Messages.text(m.body())).toList());
  }

  @Test
  void anUnreachableBrokerFailsTheFutureAfterTheTimeout() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    KafkaTransport kafka = transport(KafkaConfig.builder()
        .bootstrapServers("127.0.0.1:" + closedPort)
        .deliveryTimeout(Duration.ofMillis(1500))
        .operationTimeout(Duration.ofMillis(1500))
        .closeTimeout(Duration.ofSeconds(1))
        .build());

    List<CompletableFuture<Void>> futures =
        kafka.publish(List.of(Messages.event("nowhere", "nowhere.Sent", "k", "k/0")));

    assertThatThrownBy(() -> futures.get(0).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("127.0.0.1:" + closedPort);
  }

  @Test
  void aBrokerThatNeverAnswersFailsTheFutureAfterTheTimeout() throws Exception {
    // Accepts connections and never says a word: every request times out.
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        List<java.net.Socket> held = new ArrayList<>();
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (java.io.IOException closed) {
          // test over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      KafkaTransport kafka = transport(KafkaConfig.builder()
          .bootstrapServers("127.0.0.1:" + silent.getLocalPort())
          .deliveryTimeout(Duration.ofMillis(1500))
          .operationTimeout(Duration.ofMillis(1500))
          .closeTimeout(Duration.ofSeconds(1))
          .build());

      CompletableFuture<Void> future =
          kafka.publish(List.of(Messages.event("silent", "silent.Sent", "k", "k/0"))).get(0);

      assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("no answer")
          .hasMessageContaining("operationTimeout");
    }
  }

  @Test
  void aRecordTooLargeIsRefusedWithoutStoppingTheRest() throws Exception {
    KafkaTransport kafka = transport(KafkaBroker.config().build());
    String domain = KafkaBroker.uniqueDomain("large");
    OutgoingMessage small = Messages.event(domain, "large.Small", "a", "a/0");
    OutgoingMessage huge = new OutgoingMessage(UUID.randomUUID(), "large.Huge", Destination.events(domain), "b", 0,
        Map.of(), new byte[2 * 1024 * 1024]);

    List<CompletableFuture<Void>> futures = kafka.publish(List.of(small, huge));

    futures.get(0).get(30, TimeUnit.SECONDS);
    assertThatThrownBy(() -> futures.get(1).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining(huge.messageId().toString())
        .satisfies(e -> assertThat(PermanentPublishException.isPermanent(e)).as("too large is poison").isTrue());
  }

  @Test
  void wireNameMessageIdAndMessageHeadersBecomeKafkaHeaders() throws Exception {
    KafkaTransport kafka = transport(KafkaBroker.config().build());
    String domain = KafkaBroker.uniqueDomain("headers");
    UUID correlation = UUID.randomUUID();
    Map<String, String> headers = Map.of(
        BrokerHeaders.CORRELATION_ID, correlation.toString(),
        BrokerHeaders.CAUSATION_ID, UUID.randomUUID().toString(),
        BrokerHeaders.TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    OutgoingMessage message = new OutgoingMessage(UUID.randomUUID(), "headers.Stamped", Destination.events(domain),
        "order-7", 0, headers, "body".getBytes(StandardCharsets.UTF_8));

    Messages.publishAndConfirm(kafka, List.of(message));

    List<ReplayedMessage> replayed = new ArrayList<>();
    kafka.replay(Destination.events(domain), ReplayFrom.beginning(), replayed::add);
    assertThat(replayed).hasSize(1);
    ReplayedMessage read = replayed.get(0);
    assertThat(read.wireName()).isEqualTo("headers.Stamped");
    assertThat(read.partitionKey()).isEqualTo("order-7");
    assertThat(read.headers())
        .containsEntry(BrokerHeaders.MESSAGE_ID, message.messageId().toString())
        .containsAllEntriesOf(headers);
    assertThat(read.body()).isEqualTo(message.body());
  }

  @Test
  void messagesOfOneKeyStayInOnePartitionInOrder() throws Exception {
    KafkaTransport kafka = transport(KafkaBroker.config().partitions(4).build());
    String domain = KafkaBroker.uniqueDomain("order");
    Messages.publishAndConfirm(kafka, Messages.interleaved(domain, "order.Step", 12, 25));

    Map<String, Set<Integer>> partitionsByKey = new HashMap<>();
    Map<String, List<String>> bodiesByKey = new HashMap<>();
    kafka.replay(Destination.events(domain), ReplayFrom.beginning(), m -> {
      partitionsByKey.computeIfAbsent(m.partitionKey(), k -> new java.util.HashSet<>()).add(m.partition());
      bodiesByKey.computeIfAbsent(m.partitionKey(), k -> new ArrayList<>()).add(Messages.text(m.body()));
    });

    assertThat(partitionsByKey).hasSize(12);
    partitionsByKey.values().forEach(partitions -> assertThat(partitions).hasSize(1));
    assertThat(partitionsByKey.values().stream().flatMap(Set::stream).distinct().count())
        .as("12 keys spread over several of the 4 partitions").isGreaterThan(1);
    bodiesByKey.forEach((key, bodies) -> {
      List<String> expected = new ArrayList<>();
      for (int n = 0; n < 25; n++) {
        expected.add(key + "/" + n);
      }
      assertThat(bodies).as("order of " + key).containsExactlyElementsOf(expected);
    });
  }

  @Test
  void publishingAfterCloseIsAnError() {
    KafkaTransport kafka = KafkaTransport.connect(KafkaBroker.config().build());
    kafka.close();
    assertThatThrownBy(() -> kafka.publish(List.of(Messages.event("closed", "closed.X", "k", "k/0"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
