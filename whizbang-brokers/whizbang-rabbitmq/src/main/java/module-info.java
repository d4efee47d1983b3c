/** The RabbitMQ transport: {@code RabbitMqTransport.connect(RabbitMqConfig)}. */
module io.whizbang.rabbitmq {
  requires transitive io.whizbang.runtime;
  requires com.rabbitmq.client;
  requires org.slf4j;

  exports io.whizbang.rabbitmq;

  // Reads whizbang.rabbitmq.* for whizbang.broker=rabbitmq (WhizbangSettings).
  provides io.whizbang.runtime.config.TransportProvider with io.whizbang.rabbitmq.RabbitMqTransportProvider;
}
