package io.whizbang.samples.spring.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.rabbitmq.RabbitMqConfig;
import io.whizbang.rabbitmq.RabbitMqTransport;
import io.whizbang.runtime.Whizbang;
import io.whizbang.samples.shop.orders.OrderLine;
import io.whizbang.samples.shop.orders.OrderPlaced;
import io.whizbang.samples.shop.orders.PlaceOrder;
import io.whizbang.samples.shop.orders.WhizbangModule_Orders;
import io.whizbang.samples.spring.orders.listener.OrderListener;
import io.whizbang.samples.spring.orders.listener.WhizbangModule_OrderListener;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Both styles on one RabbitMQ (127.0.0.1:5672) and PostgreSQL: a plain-Java service sends PlaceOrder, the Spring
 * Boot orders service handles it and publishes OrderPlaced, which the plain-Java service hears. Without the broker
 * or the database the test fails, it does not skip.
 */
@SpringBootTest(classes = SpringOrdersApplication.class, properties = {
    "whizbang.rabbitmq.name-prefix=" + SpringOrdersInteropTest.PREFIX,
    "whizbang.storage.schema=spring_orders_test",
    "whizbang.outbox.publish-interval=50ms"})
class SpringOrdersInteropTest {

  /** Broker names of this run only. */
  static final String PREFIX = "springorders.";

  @Test
  void aPlainJavaServiceAndTheSpringServiceTalkOverTheSameBroker() throws InterruptedException {
    OrderListener listener = new OrderListener();
    RabbitMqTransport transport = RabbitMqTransport.connect(RabbitMqConfig.builder().namePrefix(PREFIX).build());
    try (Whizbang plain = Whizbang.builder()
        .service("order-listener")
        .module(new WhizbangModule_OrderListener())
        .module(new WhizbangModule_Orders())
        .handlers(WhizbangModule_OrderListener.handlers(listener))
        .transport(transport)
        .build()
        .start()) {
      UUID orderId = UUID.randomUUID();
      plain.send(new PlaceOrder(orderId, "ada", List.of(new OrderLine("sku-1", 2, new BigDecimal("4.50"))))).join();

      long deadline = System.nanoTime() + 30_000_000_000L;
      while (listener.placed(orderId) == null && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      OrderPlaced placed = listener.placed(orderId);
      assertThat(placed).as("OrderPlaced from the Spring service, within 30 s").isNotNull();
      assertThat(placed.customer()).isEqualTo("ada");
      assertThat(placed.total()).isEqualByComparingTo("9.00");
    } finally {
      transport.close();
    }
  }
}
