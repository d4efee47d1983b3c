package io.whizbang.samples.spring.orders;

import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.samples.shop.orders.OrderHandlers;
import io.whizbang.samples.shop.orders.WhizbangModule_Orders;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The shop's orders service as a Spring Boot application: the same handlers and messages as the plain-Java one
 * (samples/shop-orders), configured by application.properties, consuming and publishing on the broker the other shop
 * services use.
 */
@SpringBootApplication
public class SpringOrdersApplication {

  public static void main(String[] args) {
    SpringApplication.run(SpringOrdersApplication.class, args);
  }

  /** A Spring bean; its orders are saved on the inbox transaction's connection. */
  @Bean
  OrderHandlers orderHandlers(SqlStorage storage) {
    return new OrderHandlers(storage, Clock.systemUTC());
  }

  /** The generated module's typed factory binds the bean to its generated dispatcher. */
  @Bean
  HandlerSet orderHandlerSet(OrderHandlers handlers) {
    return WhizbangModule_Orders.handlers(handlers);
  }
}
