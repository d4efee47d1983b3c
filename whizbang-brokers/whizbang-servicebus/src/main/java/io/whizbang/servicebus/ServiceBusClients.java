package io.whizbang.servicebus;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import java.time.Duration;

/**
 * The SDK's client builder for one transport. Every sender and receiver is built from this one builder instance, so
 * they share one AMQP connection, which the SDK re-opens by itself after a loss.
 */
final class ServiceBusClients {

  private ServiceBusClients() {}

  static ServiceBusClientBuilder builder(ServiceBusConfig config) {
    ServiceBusClientBuilder builder = new ServiceBusClientBuilder();
    if (config.connectionString() != null) {
      builder.connectionString(config.connectionString());
    } else {
      builder.credential(config.fullyQualifiedNamespace(), config.credential());
    }
    return builder.retryOptions(new AmqpRetryOptions().setMode(AmqpRetryMode.EXPONENTIAL)
        .setTryTimeout(config.operationTimeout()).setMaxRetries(config.sendRetries())
        .setDelay(Duration.ofMillis(200)).setMaxDelay(Duration.ofSeconds(5)));
  }
}
