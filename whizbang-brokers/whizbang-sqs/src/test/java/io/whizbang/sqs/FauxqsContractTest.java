package io.whizbang.sqs;

import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.contract.TransportContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The transport contract on fauxqs with SNS fan-out: a FIFO topic per domain, one FIFO queue per subscriber
 * subscribed with raw delivery and a filter policy on the wire name, FIFO command queues.
 */
class FauxqsContractTest extends TransportContractTest {

  private SqsTransport created;

  @BeforeEach
  void requireServer() {
    Servers.FAUXQS.require();
  }

  @Override
  protected Transport newTransport() {
    Servers.FAUXQS.require();
    created = SqsTransport.connect(Servers.FAUXQS.config().build());
    return created;
  }

  @AfterEach
  void deleteQueues() {
    Cleanup.delete(Servers.FAUXQS, created);
  }
}
