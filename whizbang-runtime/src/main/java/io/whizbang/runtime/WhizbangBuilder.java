package io.whizbang.runtime;

import io.whizbang.runtime.consumer.ConsumerPipeline;
import io.whizbang.runtime.consumer.ConsumerStage;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.module.WhizbangModule;
import io.whizbang.runtime.outgoing.DirectPublisher;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.outgoing.MessagePublisher;
import io.whizbang.runtime.routing.MessageRouter;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Configures a {@link Whizbang} service; every setting but the modules has a default.
 *
 * <pre>{@code
 * Whizbang orders = Whizbang.builder()
 *     .service("orders")                 // subscriber id; defaults to the one service module's name
 *     .owns("orders")                    // added to the modules' owned domains
 *     .modulesFromClasspath()            // or .module(new WhizbangModule_Orders())
 *     .handlers(WhizbangModule_Orders.handlers(new OrderHandlers()))
 *     .transport(kafkaTransport)         // default: a new in-memory transport
 *     .consumerConcurrency(4)
 *     .build();
 * }</pre>
 */
public final class WhizbangBuilder {

  /** The form {@code @OwnedBy} and {@code @Projection} names take. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  private String service;
  private final Set<String> owns = new LinkedHashSet<>();
  private final List<WhizbangModule> modules = new ArrayList<>();
  private final List<MessageDispatcher> dispatchers = new ArrayList<>();
  private Transport transport;
  private Function<Transport, MessagePublisher> publisher = DirectPublisher::new;
  private int consumerConcurrency = 4;
  private Clock clock = Clock.systemUTC();
  private Duration initialBackoff = Duration.ofMillis(200);
  private Duration maxBackoff = Duration.ofSeconds(30);
  private Duration publishTimeout = Duration.ofSeconds(30);
  private final List<ConsumerStage> stages = new ArrayList<>();

  WhizbangBuilder() {}

  /** The service's name: its subscriber id on the broker, shared by all its instances. */
  public WhizbangBuilder service(String name) {
    this.service = requireName(name, "service name");
    return this;
  }

  /**
   * Domains this service owns, besides those declared by its own module (the module whose name is the service
   * name); other modules contribute message types only.
   */
  public WhizbangBuilder owns(String... domains) {
    for (String d : domains) {
      owns.add(requireName(d, "domain"));
    }
    return this;
  }

  /** Registers a generated module (its message types and, for a service module, its owned domains). */
  public WhizbangBuilder module(WhizbangModule module) {
    modules.add(Objects.requireNonNull(module, "module"));
    return this;
  }

  /** Registers every module listed in {@code META-INF/services} of the context class loader. */
  public WhizbangBuilder modulesFromClasspath() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return modulesFrom(loader != null ? loader : WhizbangBuilder.class.getClassLoader());
  }

  /** Registers every module listed in {@code META-INF/services} of {@code loader}. */
  public WhizbangBuilder modulesFrom(ClassLoader loader) {
    ServiceLoader.load(WhizbangModule.class, loader).forEach(modules::add);
    return this;
  }

  /** The handler instances, bound to their dispatchers by the generated module's factory; may be called again. */
  public WhizbangBuilder handlers(HandlerSet handlers) {
    dispatchers.addAll(handlers.dispatchers());
    return this;
  }

  /** The broker; the service closes it only if the builder created it (default: a new in-memory transport). */
  public WhizbangBuilder transport(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    return this;
  }

  /** Replaces direct publishing (for example by a transactional outbox). */
  public WhizbangBuilder publisher(Function<Transport, MessagePublisher> publisherFactory) {
    this.publisher = Objects.requireNonNull(publisherFactory, "publisherFactory");
    return this;
  }

  /** Handler lanes per subscription; messages of one partition key always share a lane. Default 4. */
  public WhizbangBuilder consumerConcurrency(int lanes) {
    if (lanes < 1) {
      throw new IllegalArgumentException("consumerConcurrency must be at least 1, was " + lanes);
    }
    this.consumerConcurrency = lanes;
    return this;
  }

  /** Backoff of a failing message: {@code initial} doubled per delivery, at most {@code max}. */
  public WhizbangBuilder retryBackoff(Duration initial, Duration max) {
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("retryBackoff needs 0 <= initial <= max, was " + initial + ", " + max);
    }
    this.initialBackoff = initial;
    this.maxBackoff = max;
    return this;
  }

  /** How long a consumer waits for its handlers' output to be confirmed before retrying the message. */
  public WhizbangBuilder publishTimeout(Duration timeout) {
    this.publishTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** Adds a consumer stage between decoding and dispatch (for example the inbox); the first added is outermost. */
  public WhizbangBuilder consumerStage(ConsumerStage stage) {
    stages.add(Objects.requireNonNull(stage, "stage"));
    return this;
  }

  /** The clock of envelopes' occurred-at. */
  public WhizbangBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Checks the configuration and builds the service (not started).
   *
   * @throws WhizbangConfigurationException when modules, ownership and handlers do not fit together
   */
  public Whizbang build() {
    List<WhizbangModule> distinct = distinctModules();
    MessageRouter router = MessageRouter.of(distinct);
    String name = service != null ? service : defaultServiceName(distinct);
    Set<String> owned = new LinkedHashSet<>(owns);
    for (WhizbangModule m : distinct) {
      // Only the service's own module confers ownership: registering another service's module (to send its
      // commands) must not let this service publish that service's events.
      if (m.name().equals(name)) {
        for (String d : m.ownedDomains()) {
          owned.add(requireName(d, "domain of module '" + m.name() + "'"));
        }
      }
    }
    List<ServiceWiring.Plan> plans = ServiceWiring.plan(name, owned, router, List.copyOf(dispatchers));
    boolean ownsTransport = transport == null;
    Transport t = ownsTransport ? new InMemoryTransport() : transport;
    MessagePublisher p = Objects.requireNonNull(publisher.apply(t), "the publisher factory returned null");
    EnvelopeFactory envelopes = new EnvelopeFactory(router, name, owned, clock);
    List<ConsumerStage> extra = List.copyOf(stages);
    Duration initial = initialBackoff;
    Duration max = maxBackoff;
    Duration timeout = publishTimeout;
    Function<String, ConsumerPipeline.Builder> pipelines = subscriberId -> {
      ConsumerPipeline.Builder b = ConsumerPipeline.builder(subscriberId).envelopeFactory(envelopes).publisher(p)
          .retryBackoff(initial, max).publishTimeout(timeout);
      extra.forEach(b::stage);
      return b;
    };
    return new Whizbang(name, owned, router, t, ownsTransport, p, envelopes, plans, consumerConcurrency, pipelines);
  }

  /** A module found both on the class path and explicitly is registered once. */
  private List<WhizbangModule> distinctModules() {
    Map<Class<?>, WhizbangModule> byClass = new LinkedHashMap<>();
    for (WhizbangModule m : modules) {
      byClass.putIfAbsent(m.getClass(), m);
    }
    return List.copyOf(byClass.values());
  }

  private static String defaultServiceName(List<WhizbangModule> modules) {
    List<WhizbangModule> services = modules.stream().filter(m -> !m.ownedDomains().isEmpty()).toList();
    if (services.size() == 1) {
      return services.get(0).name();
    }
    throw new WhizbangConfigurationException("Name the service with Whizbang.builder().service(\"...\"): it is the "
        + "subscriber id on the broker, and it cannot be taken from the modules because "
        + (services.isEmpty() ? "none of them is a service module (@WhizbangService)"
            : services.size() + " of them are service modules " + services.stream().map(WhizbangModule::name).toList())
        + ".");
  }

  private static String requireName(String name, String what) {
    Objects.requireNonNull(name, what);
    if (!NAME.matcher(name).matches()) {
      throw new WhizbangConfigurationException("Invalid " + what + " '" + name + "': use lower-case letters, digits "
          + "and '-', starting with a letter (it becomes part of broker destination names).");
    }
    return name;
  }
}
