package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Re-reading a topic outside the consumer groups. */
class KafkaReplayTest {

  private KafkaTransport kafka;
  private String domain;

  @BeforeEach
  void setUp() {
    KafkaBroker.require();
    kafka = KafkaTransport.connect(KafkaBroker.config().build());
    domain = KafkaBroker.uniqueDomain("replay");
  }

  @AfterEach
  void tearDown() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static List<String> bodies(List<OutgoingMessage> batch) {
    return batch.stream().map(m -> Messages.text(m.body())).toList();
  }

  @Test
  void replayFromTheBeginningReadsEveryRecordInOrderPerKey() throws Exception {
    List<OutgoingMessage> batch = Messages.interleaved(domain, domain + ".Happened", 6, 10);
    Messages.publishAndConfirm(kafka, batch);

    Map<String, List<String>> byKey = new HashMap<>();
    long count = kafka.replay(Destination.events(domain), ReplayFrom.beginning(),
        m -> byKey.computeIfAbsent(m.partitionKey(), k -> new ArrayList<>()).add(Messages.text(m.body())));

    assertThat(count).isEqualTo(60);
    assertThat(byKey).hasSize(6);
    byKey.forEach((key, bodies) -> assertThat(bodies).containsExactlyElementsOf(
        bodies(batch).stream().filter(b -> b.startsWith(key + "/")).toList()));
  }

  @Test
  void replayFromATimestampSkipsWhatCameBefore() throws Exception {
    List<OutgoingMessage> before = Messages.interleaved(domain, domain + ".Old", 3, 4);
    Messages.publishAndConfirm(kafka, before);
    Thread.sleep(5); // record timestamps have millisecond resolution
    Instant from = Instant.now();
    Thread.sleep(5);
    List<OutgoingMessage> after = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      after.add(Messages.event(domain, domain + ".New", "k" + k, "k" + k + "/new"));
    }
    Messages.publishAndConfirm(kafka, after);

    List<String> replayed = new ArrayList<>();
    List<String> wireNames = new ArrayList<>();
    kafka.replay(Destination.events(domain), ReplayFrom.timestamp(from), m -> {
      replayed.add(Messages.text(m.body()));
      wireNames.add(m.wireName());
    });

    assertThat(replayed).containsExactlyInAnyOrderElementsOf(bodies(after));
    assertThat(wireNames).containsOnly(domain + ".New");
  }

  @Test
  void aTimestampAfterTheLastRecordReplaysNothing() throws Exception {
    Messages.publishAndConfirm(kafka, Messages.interleaved(domain, domain + ".Old", 2, 2));
    long count = kafka.replay(Destination.events(domain), ReplayFrom.timestamp(Instant.now().plusSeconds(3600)),
        m -> { });
    assertThat(count).isZero();
  }

  @Test
  void replayDoesNotDisturbTheConsumerGroups() throws Exception {
    Received group = new Received();
    kafka.subscribe(new SubscriptionRequest("svc-" + domain,
        List.of(new SubscriptionRequest.Source(Destination.events(domain), Set.of())), 1), group);
    Messages.publishAndConfirm(kafka, Messages.interleaved(domain, domain + ".Happened", 2, 3));
    group.awaitSize(6);

    long count = kafka.replay(Destination.events(domain), ReplayFrom.beginning(), m -> { });

    assertThat(count).isEqualTo(6);
    Messages.publishAndConfirm(kafka, List.of(Messages.event(domain, domain + ".Happened", "k9", "k9/0")));
    group.awaitSize(7);
    assertThat(group.bodies()).hasSize(7).containsOnlyOnce("k0/0", "k9/0");
  }

  @Test
  void anExceptionInTheHandlerStopsTheReplay() throws Exception {
    Messages.publishAndConfirm(kafka, Messages.interleaved(domain, domain + ".Happened", 1, 3));
    assertThatThrownBy(() -> kafka.replay(Destination.events(domain), ReplayFrom.beginning(), m -> {
      throw new IllegalStateException("projection broken");
    })).isInstanceOf(IllegalStateException.class).hasMessage("projection broken");
  }

  @Test
  void replayingAMissingTopicIsAClearError() {
    String topic = "whizbang." + domain + ".events";
    assertThatThrownBy(() -> kafka.replay(Destination.events(domain), ReplayFrom.beginning(), m -> { }))
        .isInstanceOf(MissingTopicException.class)
        .hasMessageContaining("'" + topic + "' does not exist");
  }
}
