package io.whizbang.runtime.transport.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.testfixtures.CapturedLogs;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A broker without priorities (here the in-memory one; Kafka, SQS/SNS and Service Bus use the same class) says once
 * per message type that a prioritised message goes in plain publish order.
 */
class IgnoredPrioritiesTest {

  private static OutgoingMessage message(String wireName, int priority) {
    return new OutgoingMessage(UUID.randomUUID(), wireName, Destination.commands("ignored"), "k", priority, Map.of(),
        new byte[] {'{', '}'});
  }

  private static List<CapturedLogs.Line> warnings(String wireName) {
    return CapturedLogs.matching(l -> l.logger().equals(IgnoredPriorities.class.getName())
        && l.message().contains(wireName));
  }

  @Test
  void aPrioritisedTypeIsWarnedAboutOncePerTransport() {
    String urgent = "ignored.Urgent" + UUID.randomUUID().toString().substring(0, 8);
    String plain = "ignored.Plain" + UUID.randomUUID().toString().substring(0, 8);
    try (InMemoryTransport transport = new InMemoryTransport()) {
      transport.publish(List.of(message(urgent, 9), message(plain, 0)));
      transport.publish(List.of(message(urgent, 9)));
    }

    assertThat(warnings(urgent)).hasSize(1);
    assertThat(warnings(urgent).get(0).message()).contains("has no message priorities", "priority 9");
    assertThat(warnings(plain)).isEmpty();
  }
}
