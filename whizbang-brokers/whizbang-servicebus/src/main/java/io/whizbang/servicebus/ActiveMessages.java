package io.whizbang.servicebus;

import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import io.whizbang.runtime.transport.kit.BacklogRefresh;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a subscription's backlog with the administration client: the sum of the {@code activeMessageCount} of its
 * queues' and topic subscriptions' runtime properties. Service Bus counts as active every message not completed,
 * those locked by a receiver included (it has no count of the unlocked ones); deferred, scheduled and dead-lettered
 * messages are counted apart and left out.
 */
final class ActiveMessages implements BacklogRefresh.Reader {

  private final ServiceBusAdministrationClient administration;
  private final List<String> queues = new ArrayList<>();
  private final List<String[]> subscriptions = new ArrayList<>(); // topic, subscription

  ActiveMessages(ServiceBusAdministrationClient administration) {
    this.administration = administration;
  }

  void queue(String name) {
    queues.add(name);
  }

  void subscription(String topic, String name) {
    subscriptions.add(new String[] {topic, name});
  }

  @Override
  public long read() {
    long active = 0;
    for (String queue : queues) {
      active += administration.getQueueRuntimeProperties(queue).getActiveMessageCount();
    }
    for (String[] s : subscriptions) {
      active += administration.getSubscriptionRuntimeProperties(s[0], s[1]).getActiveMessageCount();
    }
    return active;
  }

  @Override
  public String toString() {
    List<String> all = new ArrayList<>(queues);
    subscriptions.forEach(s -> all.add(s[0] + "/subscriptions/" + s[1]));
    return "the entities " + all;
  }
}
