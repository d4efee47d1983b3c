/** The Azure Service Bus transport: {@code ServiceBusTransport.connect(ServiceBusConfig)}. */
module io.whizbang.servicebus {
  requires transitive io.whizbang.runtime;
  // In ServiceBusConfig's API: the TokenCredential of azure-identity's credentials.
  requires transitive com.azure.core;
  requires com.azure.messaging.servicebus;
  requires org.slf4j;

  exports io.whizbang.servicebus;

  // Reads whizbang.servicebus.* for whizbang.broker=servicebus (WhizbangSettings).
  provides io.whizbang.runtime.config.TransportProvider with io.whizbang.servicebus.ServiceBusTransportProvider;
}
