package io.whizbang.rabbitmq;

import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.fault.TransportFaultSuite;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fault suite on a dedicated RabbitMQ node ({@link FaultNode}), stopped and started for real with
 * scripts/services/rabbitmq-node.sh. Queues are durable and messages persistent, so what the node confirmed before
 * it stopped is there after it started. The poison is a message over the node's {@code max_message_size}: the node
 * closes the channel with 406 PRECONDITION_FAILED, which the transport reports as a permanent refusal of that
 * message only.
 */
class RabbitMqFaultTest extends TransportFaultSuite {
  private static FaultNode node;

  private final String prefix = Broker.uniquePrefix();
  private final Names names = new Names(prefix);

  /** Started by the first test (a test, not the class, is reported as skipped or failed when it cannot start). */
  @BeforeEach
  void startNode() {
    if (node == null) {
      node = FaultNode.require();
    }
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.stopAndRelease();
      node = null;
    }
  }

  @Override
  protected Transport newTransport() {
    return node.config(prefix).recoveryInterval(Duration.ofMillis(250)).confirmTimeout(Duration.ofSeconds(5))
        .connect();
  }

  @Override
  protected void stopBroker() {
    node.stop();
  }

  @Override
  protected void startBroker() {
    node.start();
  }

  @Override
  protected void refuseLargeMessages() {
    node.maxMessageSize(poisonBytes() / 2);
  }

  @Override
  protected void acceptLargeMessages() {
    // A channel reads max_message_size when it opens: raised live, the limit reaches only channels opened later,
    // and the relay's channel would refuse the replayed message again (and park it again). So the operator raises
    // it and closes the clients' connections; they reconnect, and their new channels have the new limit.
    node.maxMessageSize(128 * 1024 * 1024);
    node.closeAllConnections();
  }

  @Override
  protected void cleanUpBroker() {
    node.delete(List.of(names.subscriberQueue("fault-ledger"), names.deadLetterQueue()),
        List.of(names.eventsExchange("orders"), names.deadLetterExchange()));
  }
}
