package io.whizbang.servicebus;

import static org.assertj.core.api.Assertions.fail;

import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClientBuilder;
import io.whizbang.runtime.testfixtures.CommandsAndEvents;
import io.whizbang.runtime.testfixtures.HoldingHandler;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.servicebus.testserver.TestServiceBus;
import java.net.URL;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code Subscription.backlog()}: the active messages of the subscription's command queue and topic subscription,
 * read with the SDK's administration client from the test server's administration endpoint (plain HTTP, so the
 * client's pipeline sends its requests there instead of to https://namespace).
 */
class BacklogTest {

  @Test
  void theBacklogIsTheActiveMessagesOfTheQueueAndTheSubscriptionAndFallsToZero() throws Exception {
    try (TestServiceBus server = TestServiceBus.dedicated(false)) {
      ServiceBusTransport transport = ServiceBusTransport.connect(ServiceBusConfig.builder()
          .connectionString(server.connectionString()).namePrefix("bl" + UUID.randomUUID().toString().substring(0, 8))
          .provisioner(new TestServerProvisioner(server)).administration(administration(server))
          .sessionIdleTimeout(Duration.ofMillis(100)).build());
      try {
        run(transport);
      } finally {
        transport.close();
      }
    }
  }

  private static void run(ServiceBusTransport transport) throws Exception {
    HoldingHandler handler = new HoldingHandler();
    Subscription subscription = transport.subscribe(CommandsAndEvents.request("billing", "orders"), handler);

    CompletableFuture.allOf(transport.publish(CommandsAndEvents.messages("orders", 5))
        .toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    // Service Bus counts a locked message as active: held by the handler or waiting, all 10 are.
    await(() -> subscription.backlog().equals(OptionalLong.of(10)), () -> "a backlog of 10, was "
        + subscription.backlog());

    handler.release();
    await(() -> handler.acknowledged() == 10, () -> "10 handled, were " + handler.acknowledged());
    await(() -> subscription.backlog().equals(OptionalLong.of(0)), () -> "a backlog of 0 after the drain, was "
        + subscription.backlog());
  }

  /** The SDK's administration client, its requests sent over HTTP to the test server's administration endpoint. */
  private static ServiceBusAdministrationClient administration(TestServiceBus server) {
    String endpoint = server.controlUri().toString();
    HttpPipelinePolicy toTestServer = (context, next) -> {
      URL url = context.getHttpRequest().getUrl();
      context.getHttpRequest().setUrl(endpoint + url.getPath() + (url.getQuery() == null ? "" : "?" + url.getQuery()));
      return next.process();
    };
    return new ServiceBusAdministrationClientBuilder().connectionString(server.connectionString())
        .addPolicy(toTestServer).buildClient();
  }

  private static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what.get());
      }
      Thread.sleep(50);
    }
  }
}
