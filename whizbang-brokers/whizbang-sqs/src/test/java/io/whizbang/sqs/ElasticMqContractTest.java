package io.whizbang.sqs;

import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.contract.TransportContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The transport contract on ElasticMQ: FIFO queues, no SNS ({@link EventRouting#SQS_QUEUES}: the publisher sends
 * each event to every subscriber's queue of the domain).
 */
class ElasticMqContractTest extends TransportContractTest {

  private SqsTransport created;

  @BeforeEach
  void requireServer() {
    Servers.ELASTICMQ.require();
  }

  @Override
  protected Transport newTransport() {
    Servers.ELASTICMQ.require();
    created = SqsTransport.connect(Servers.ELASTICMQ.config().build());
    return created;
  }

  @AfterEach
  void deleteQueues() {
    Cleanup.delete(Servers.ELASTICMQ, created);
  }
}
