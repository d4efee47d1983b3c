package io.whizbang.runtime;

import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.routing.MessageRouter;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that the handlers fit the service's ownership and the registered message types, and plans the
 * subscriptions: one for the service (its commands and the events it handles, under the service name) and one per
 * projection (under the projection's name).
 */
final class ServiceWiring {

  /** One subscription to open at start. */
  record Plan(String subscriberId, List<Source> sources, List<MessageDispatcher> dispatchers) {}

  private ServiceWiring() {}

  static List<Plan> plan(String service, Set<String> owned, MessageRouter router, List<MessageDispatcher> all) {
    List<MessageDispatcher> serviceHandlers = new ArrayList<>();
    List<ProjectionDispatcher> projections = new ArrayList<>();
    for (MessageDispatcher d : all) {
      if (d instanceof ProjectionDispatcher p) {
        projections.add(p);
      } else {
        serviceHandlers.add(d);
      }
    }
    List<Plan> plans = new ArrayList<>();
    if (!serviceHandlers.isEmpty()) {
      plans.add(servicePlan(service, owned, router, serviceHandlers));
    }
    Set<String> subscriberIds = new LinkedHashSet<>();
    subscriberIds.add(service);
    for (ProjectionDispatcher p : projections) {
      if (!subscriberIds.add(p.projectionName())) {
        throw new WhizbangConfigurationException("Projection name '" + p.projectionName() + "' of "
            + p.handlerName() + " is already used by " + (p.projectionName().equals(service) ? "the service itself"
            : "another projection") + "; each projection needs its own name (it is its subscriber id).");
      }
      plans.add(projectionPlan(p, router));
    }
    return plans;
  }

  private static Plan servicePlan(String service, Set<String> owned, MessageRouter router,
      List<MessageDispatcher> handlers) {
    Map<Destination, Set<String>> wanted = new LinkedHashMap<>();
    Map<String, String> commandHandler = new HashMap<>();
    for (MessageDispatcher d : handlers) {
      for (String wireName : d.wireNames()) {
        MessageType<?> type = known(router, d, wireName);
        if (type.kind() == MessageType.Kind.COMMAND) {
          if (!owned.contains(type.domain())) {
            throw new WhizbangConfigurationException("Handler " + d.handlerName() + " handles command " + wireName
                + " of domain '" + type.domain() + "', but service '" + service + "' owns " + owned
                + ". A command is handled only by its owning service: move the handler there, or declare "
                + ".owns(\"" + type.domain() + "\").");
          }
          String earlier = commandHandler.putIfAbsent(wireName, d.handlerName());
          if (earlier != null) {
            throw new WhizbangConfigurationException("Command " + wireName + " has two handlers in service '"
                + service + "': " + earlier + " and " + d.handlerName() + ". A command has exactly one handler.");
          }
        }
        wanted.computeIfAbsent(router.destinationOf(type), k -> new LinkedHashSet<>()).add(wireName);
      }
    }
    return new Plan(service, sources(wanted), List.copyOf(handlers));
  }

  private static Plan projectionPlan(ProjectionDispatcher p, MessageRouter router) {
    Map<Destination, Set<String>> wanted = new LinkedHashMap<>();
    for (String wireName : p.wireNames()) {
      MessageType<?> type = known(router, p, wireName);
      if (type.kind() != MessageType.Kind.EVENT) {
        throw new WhizbangConfigurationException("Projection '" + p.projectionName() + "' (" + p.handlerName()
            + ") handles command " + wireName + "; projections fold events only. Handle the command in the "
            + "owning service instead.");
      }
      if (!type.domain().equals(p.sourceDomain())) {
        throw new WhizbangConfigurationException("Projection '" + p.projectionName() + "' folds domain '"
            + p.sourceDomain() + "' but handles " + wireName + " of domain '" + type.domain() + "'. Split it into "
            + "one projection per source domain.");
      }
      wanted.computeIfAbsent(router.destinationOf(type), k -> new LinkedHashSet<>()).add(wireName);
    }
    return new Plan(p.projectionName(), sources(wanted), List.of(p));
  }

  private static MessageType<?> known(MessageRouter router, MessageDispatcher d, String wireName) {
    return router.byWireName(wireName).orElseThrow(() -> new WhizbangConfigurationException("Handler "
        + d.handlerName() + " handles '" + wireName + "', but no registered module declares that wire name. "
        + "Register the module of the message type: .module(new WhizbangModule_...()) or .modulesFromClasspath()."));
  }

  private static List<Source> sources(Map<Destination, Set<String>> wanted) {
    List<Source> sources = new ArrayList<>(wanted.size());
    wanted.forEach((destination, names) -> sources.add(new Source(destination, names)));
    return sources;
  }
}
