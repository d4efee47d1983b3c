package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.contract.TransportContractTest;
import java.time.Duration;

/** The Kafka transport gives every guarantee of the transport contract, against the real broker. */
class KafkaTransportContractTest extends TransportContractTest {

  @Override
  protected Transport newTransport() {
    KafkaBroker.require();
    return KafkaTransport.connect(KafkaBroker.config().build());
  }

  /** A consumer group hands out partitions a moment after subscribing; publishing earlier would skew the shares. */
  @Override
  protected void awaitReady(Subscription subscription) throws Exception {
    assertThat(((KafkaSubscription) subscription).awaitAssignment(deliveryTimeout()))
        .as("the consumer group assigned partitions within %s", deliveryTimeout()).isTrue();
  }

  /**
   * Kafka keeps no delivery count: a consumer counts its own redeliveries (after a release), but a message
   * redelivered to the next member after a crash starts again at 1.
   */
  @Override
  protected boolean countsRedeliveries() {
    return false;
  }

  @Override
  protected Duration quietPeriod() {
    return Duration.ofMillis(500);
  }
}
