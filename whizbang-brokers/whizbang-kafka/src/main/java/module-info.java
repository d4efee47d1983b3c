/** The Kafka transport: {@code KafkaTransport.connect(KafkaConfig)}, and replay of a topic. */
module io.whizbang.kafka {
  requires transitive io.whizbang.runtime;
  // kafka-clients has no module name of its own: this is the one derived from its jar name.
  requires kafka.clients;
  requires org.slf4j;

  exports io.whizbang.kafka;

  // Reads whizbang.kafka.* for whizbang.broker=kafka (WhizbangSettings).
  provides io.whizbang.runtime.config.TransportProvider with io.whizbang.kafka.KafkaTransportProvider;
}
