package io.whizbang.rabbitmq;

/** The transport contract with quorum queues and competing consumers, the other end of the settings. */
class QuorumCompetingContractTest extends RabbitMqTransportContractTest {

  @Override
  RabbitMqConfig.Builder settings(RabbitMqConfig.Builder builder) {
    return builder.queueType(QueueType.QUORUM).ordering(Ordering.COMPETING);
  }

  @Override
  protected boolean sharesLoadBetweenCompetingConsumers() {
    return true;
  }
}
