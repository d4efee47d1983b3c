package io.whizbang.servicebus;

import com.azure.core.exception.ResourceExistsException;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClientBuilder;
import com.azure.messaging.servicebus.administration.models.CorrelationRuleFilter;
import com.azure.messaging.servicebus.administration.models.CreateQueueOptions;
import com.azure.messaging.servicebus.administration.models.CreateRuleOptions;
import com.azure.messaging.servicebus.administration.models.CreateSubscriptionOptions;
import com.azure.messaging.servicebus.administration.models.CreateTopicOptions;
import com.azure.messaging.servicebus.administration.models.RuleProperties;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies a {@link ServiceBusTopology} with the administration client (HTTPS, needs the Manage right): creates what
 * is missing, keeps a subscription's rules exactly the listed ones, and refuses an existing entity without sessions
 * (Service Bus cannot turn sessions on for an existing entity, and without them per-key order is lost).
 */
public final class AdministrationProvisioner implements ServiceBusProvisioner {

  private final ServiceBusAdministrationClient admin;

  public AdministrationProvisioner(ServiceBusAdministrationClient admin) {
    this.admin = admin;
  }

  /** An administration client for the namespace and credentials of {@code config}, or the one it was given. */
  public static AdministrationProvisioner of(ServiceBusConfig config) {
    return new AdministrationProvisioner(clientFor(config));
  }

  static ServiceBusAdministrationClient clientFor(ServiceBusConfig config) {
    if (config.administration() != null) {
      return config.administration();
    }
    ServiceBusAdministrationClientBuilder builder = new ServiceBusAdministrationClientBuilder();
    if (config.connectionString() != null) {
      builder.connectionString(config.connectionString());
    } else {
      builder.credential(config.fullyQualifiedNamespace(), config.credential());
    }
    return builder.buildClient();
  }

  /** The client, for deleting what a test created. */
  public ServiceBusAdministrationClient client() {
    return admin;
  }

  @Override
  public void apply(ServiceBusTopology topology) {
    topology.queues().forEach(this::queue);
    topology.topics().forEach(this::topic);
    topology.subscriptions().forEach(this::subscription);
  }

  private void queue(ServiceBusTopology.Queue q) {
    if (admin.getQueueExists(q.name())) {
      if (!admin.getQueue(q.name()).isSessionRequired()) {
        throw withoutSessions("queue '" + q.name() + "'");
      }
      return;
    }
    CreateQueueOptions options = new CreateQueueOptions().setSessionRequired(true).setLockDuration(q.lockDuration())
        .setMaxDeliveryCount(q.maxDeliveryCount()).setDeadLetteringOnMessageExpiration(true);
    if (q.duplicateDetectionWindow() != null) {
      options.setDuplicateDetectionRequired(true).setDuplicateDetectionHistoryTimeWindow(q.duplicateDetectionWindow());
    }
    try {
      admin.createQueue(q.name(), options);
    } catch (ResourceExistsException raced) {
      // another instance created it meanwhile
    }
  }

  private void topic(ServiceBusTopology.Topic t) {
    if (admin.getTopicExists(t.name())) {
      return;
    }
    CreateTopicOptions options = new CreateTopicOptions();
    if (t.duplicateDetectionWindow() != null) {
      options.setDuplicateDetectionRequired(true).setDuplicateDetectionHistoryTimeWindow(t.duplicateDetectionWindow());
    }
    try {
      admin.createTopic(t.name(), options);
    } catch (ResourceExistsException raced) {
      // another instance created it meanwhile
    }
  }

  private void subscription(ServiceBusTopology.Subscription s) {
    if (admin.getSubscriptionExists(s.topic(), s.name())) {
      if (!admin.getSubscription(s.topic(), s.name()).isSessionRequired()) {
        throw withoutSessions("subscription '" + s.name() + "' of topic '" + s.topic() + "'");
      }
    } else {
      CreateSubscriptionOptions options = new CreateSubscriptionOptions().setSessionRequired(true)
          .setLockDuration(s.lockDuration()).setMaxDeliveryCount(s.maxDeliveryCount())
          .setDeadLetteringOnMessageExpiration(true);
      try {
        if (s.rules().isEmpty()) {
          admin.createSubscription(s.topic(), s.name(), options);
        } else {
          // Created with its first rule instead of the catch-all $Default, so that nothing else slips in meanwhile.
          ServiceBusTopology.Rule first = s.rules().get(0);
          admin.createSubscription(s.topic(), s.name(), first.name(), options, new CreateRuleOptions(filter(first)));
        }
      } catch (ResourceExistsException raced) {
        // another instance created it meanwhile; its rules are made right below
      }
    }
    syncRules(s);
  }

  /** Makes the subscription's rules exactly {@code s.rules()}: adds missing ones, deletes others ($Default too). */
  private void syncRules(ServiceBusTopology.Subscription s) {
    Map<String, ServiceBusTopology.Rule> wanted = new HashMap<>();
    s.rules().forEach(r -> wanted.put(r.name(), r));
    for (RuleProperties existing : admin.listRules(s.topic(), s.name())) {
      ServiceBusTopology.Rule rule = wanted.get(existing.getName());
      if (rule != null && filter(rule).equals(existing.getFilter())) {
        wanted.remove(existing.getName());
      } else {
        admin.deleteRule(s.topic(), s.name(), existing.getName());
      }
    }
    for (ServiceBusTopology.Rule rule : wanted.values()) {
      try {
        admin.createRule(s.topic(), rule.name(), s.name(), new CreateRuleOptions(filter(rule)));
      } catch (ResourceExistsException raced) {
        // another instance added it meanwhile
      }
    }
  }

  private static CorrelationRuleFilter filter(ServiceBusTopology.Rule rule) {
    CorrelationRuleFilter filter = new CorrelationRuleFilter();
    filter.getProperties().put(rule.property(), rule.value());
    return filter;
  }

  private static ServiceBusConfigException withoutSessions(String entity) {
    return new ServiceBusConfigException("Service Bus " + entity + " exists without sessions; the transport needs"
        + " sessions for per-key order, and they cannot be turned on for an existing entity: delete it (its"
        + " messages are lost) or choose another namePrefix");
  }
}
