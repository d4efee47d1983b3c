package io.whizbang.benchmarks.relay;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** A durable queue bound to a domain's events exchange, so that published events are stored, not dropped. */
final class RabbitQueue {
  static final String HOST = System.getenv().getOrDefault("WHIZBANG_RABBITMQ_HOST", "127.0.0.1");

  private final String exchange;
  private final String queue;

  private RabbitQueue(String exchange, String queue) {
    this.exchange = exchange;
    this.queue = queue;
  }

  /** Declares the exchange as the transport does, and a queue taking every event published to it. */
  static RabbitQueue bound(String namePrefix, String domain) throws Exception {
    RabbitQueue q = new RabbitQueue(namePrefix + domain + ".events", namePrefix + "bench-sink");
    try (Connection c = factory().newConnection("whizbang-bench-setup")) {
      Channel channel = c.createChannel();
      channel.exchangeDeclare(q.exchange, BuiltinExchangeType.TOPIC, true);
      channel.queueDeclare(q.queue, true, false, false, null);
      channel.queueBind(q.queue, q.exchange, "#");
    }
    return q;
  }

  void delete() throws Exception {
    try (Connection c = factory().newConnection("whizbang-bench-cleanup")) {
      Channel channel = c.createChannel();
      channel.queueDelete(queue);
      channel.exchangeDelete(exchange);
    }
  }

  private static ConnectionFactory factory() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(HOST);
    return factory;
  }
}
