package io.whizbang.servicebus;

/**
 * Makes the entities of a {@link ServiceBusTopology} exist with their settings, and a subscription's rules be exactly
 * the listed ones. The transport calls it the first time it publishes to a destination and at every subscribe; it
 * must be idempotent. The default uses the administration client ({@link AdministrationProvisioner}); tests against
 * the project's test server declare the entities there instead.
 */
@FunctionalInterface
public interface ServiceBusProvisioner {
  void apply(ServiceBusTopology topology);
}
