package io.whizbang.samples.spring.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.rabbitmq.RabbitMqConfig;
import io.whizbang.rabbitmq.RabbitMqTransport;
import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.samples.shop.orders.OrderLine;
import io.whizbang.samples.shop.orders.OrderPlaced;
import io.whizbang.samples.shop.orders.PlaceOrder;
import io.whizbang.samples.shop.orders.WhizbangModule_Orders;
import io.whizbang.samples.spring.orders.listener.OrderListener;
import io.whizbang.samples.spring.orders.listener.WhizbangModule_OrderListener;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Both styles on one RabbitMQ (127.0.0.1:5672) and PostgreSQL: a plain-Java service sends PlaceOrder, the Spring
 * Boot orders service handles it and publishes OrderPlaced, which the plain-Java service hears. Without the
 * database it is skipped with a message (failed under {@code CI=true}); the broker is checked the same way.
 */
@SpringBootTest(classes = SpringOrdersApplication.class, properties = {
    "whizbang.rabbitmq.name-prefix=" + SpringOrdersInteropTest.PREFIX,
    "whizbang.storage.schema=spring_orders_test",
    "whizbang.outbox.publish-interval=50ms"})
class SpringOrdersInteropTest {

  /** Broker names of this run only. */
  static final String PREFIX = "springorders.";

  @BeforeAll
  static void requireServers() {
    TestDb.requirePostgres(); // before the context, which would fail to start without them
    requireRabbitMq();
  }

  @Test
  void aPlainJavaServiceAndTheSpringServiceTalkOverTheSameBroker() {
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

      Await.until(() -> listener.placed(orderId) != null, "OrderPlaced from the Spring service");
      OrderPlaced placed = listener.placed(orderId);
      assertThat(placed.customer()).isEqualTo("ada");
      assertThat(placed.total()).isEqualByComparingTo("9.00");
    } finally {
      transport.close();
    }
  }

  private static void requireRabbitMq() {
    try (Socket ignored = new Socket("127.0.0.1", 5672)) {
      // reachable
    } catch (IOException e) {
      String message = "RabbitMQ is not reachable at 127.0.0.1:5672; start it with scripts/services/start-rabbitmq.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(message + " (CI=true: broker tests must not be skipped)");
      }
      Assumptions.abort(message);
    }
  }
}
