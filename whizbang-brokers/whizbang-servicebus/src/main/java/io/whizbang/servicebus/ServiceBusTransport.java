package io.whizbang.servicebus;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.TransportLimits;
import io.whizbang.runtime.transport.kit.BrokerTransport;
import io.whizbang.runtime.transport.kit.SendQueues;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Azure Service Bus transport, on the official SDK ({@code azure-messaging-servicebus}).
 *
 * <p>Topology ({@link ServiceBusNames}): the events of a domain go to its topic, which copies them into one
 * subscription per subscribing service, filtered on the wire name by correlation rules; the commands of a domain go
 * to its queue. Every queue and subscription requires sessions: the session id is the partition key, so Service Bus
 * itself keeps a key in order and with one receiver at a time across all instances. The message id is the
 * envelope's id, which duplicate detection compares (a first filter; the inbox is the guarantee).
 *
 * <p>Publishing packs each entity's messages into batches up to the entity's size limit; consuming holds sessions in
 * peek-lock mode, completes a message once acknowledged (after the inbox transaction committed), and answers a
 * release by keeping the session for the delay, then abandoning the message ({@link SessionLane}).
 *
 * <pre>{@code
 * Transport transport = ServiceBusTransport.connect(ServiceBusConfig.builder()
 *     .connectionString(System.getenv("SERVICEBUS_CONNECTION_STRING")).build());
 * }</pre>
 */
public final class ServiceBusTransport extends BrokerTransport<ServiceBusConfig> {

  /** Room for what the transport adds beside the headers (message and session ids, subject,
   * content type) and for the framing of a message inside a batch, which the SDK counts against the same size.
   */
  private static final int PROPERTIES_RESERVE = 8192;
  /** Service Bus's limit on a message's application properties, on every tier. */
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  /** An AMQP map entry: type codes and lengths of a string key and a string value. */
  private static final int BYTES_PER_PROPERTY = 8;

  private final TransportLimits limits;
  private final ServiceBusClientBuilder clients;
  private final ServiceBusProvisioner provisioner;
  /** Reads the subscriptions' backlogs; built on first subscribe (building one sends nothing). */
  private volatile ServiceBusAdministrationClient administration;
  private final SendCounters calls = new SendCounters();
  private final ExecutorService publishers;
  private final SendQueues<String> queues;
  private final Map<String, ServiceBusSenderClient> senders = new ConcurrentHashMap<>();
  private final Set<String> provisioned = ConcurrentHashMap.newKeySet();

  private ServiceBusTransport(ServiceBusConfig config, ServiceBusProvisioner provisioner) {
    super("servicebus", "Service Bus", false, config);
    this.limits = TransportLimits.of("Service Bus message size " + config.maxMessageBytes() + " and 64 KiB of"
        + " application properties, less " + PROPERTIES_RESERVE + " bytes for the properties it adds")
        .withMaxMessageBytes(config.maxMessageBytes() - PROPERTIES_RESERVE)
        .withMaxHeaderBytes(MAX_HEADER_BYTES - PROPERTIES_RESERVE).withBytesPerHeader(BYTES_PER_PROPERTY);
    this.clients = ServiceBusClients.builder(config);
    this.provisioner = provisioner;
    this.publishers = Executors.newFixedThreadPool(4, config.threads("whizbang-servicebus-publish"));
    this.queues = SendQueues.builder("Service Bus", publishers, this::entityOf,
        (String entity, List<OutgoingMessage> messages) -> send(messages.get(0).destination(), entity, messages))
        .maxPerRound(1_000).build();
  }

  /**
   * A transport for {@code config}. The SDK connects on first use (and reconnects by itself); with provisioning on,
   * entities are created the first time they are used.
   */
  public static ServiceBusTransport connect(ServiceBusConfig config) {
    Objects.requireNonNull(config, "config");
    ServiceBusProvisioner provisioner = config.provisioner() != null ? config.provisioner()
        : config.provisioning() ? AdministrationProvisioner.of(config) : null;
    return new ServiceBusTransport(config, provisioner);
  }

  /**
   * The client that reads the backlogs, or {@code null} where there is none to read with: a connection string to a
   * development emulator (UseDevelopmentEmulator=true) has no administration endpoint, unless one was given.
   */
  private ServiceBusAdministrationClient administration() {
    ServiceBusAdministrationClient client = administration;
    if (client == null && config().administration() == null && config().connectionString() != null
        && config().connectionString().toLowerCase(java.util.Locale.ROOT).replace(" ", "")
            .contains("usedevelopmentemulator=true")) {
      return null;
    }
    if (client == null) {
      client = provisioner instanceof AdministrationProvisioner given ? given.client()
          : AdministrationProvisioner.clientFor(config());
      administration = client;
    }
    return client;
  }

  /**
   * The configured {@code maxMessageBytes} less room for the properties the transport adds, and Service Bus's
   * 64 KiB for all application properties of a message (its header limit on every tier).
   */
  @Override
  public TransportLimits limits() {
    return limits;
  }

  /**
   * {@code sendCalls} and {@code sentMessages} (batches and the messages in them), {@code failedSends},
   * {@code tooLarge} (refused before sending), {@code sessionsAccepted}, {@code abandoned} (releases),
   * {@code deadLettered} (commands nobody here handles), {@code lockLost} (sessions whose lock was lost: their
   * messages come back) and {@code settleFailures}.
   */
  @Override
  protected Map<String, Long> details() {
    return calls.snapshot();
  }

  /** The entity messages for {@code destination} are sent to: the domain's topic or command queue. */
  public String entityOf(Destination destination) {
    return destination.kind() == Destination.Kind.COMMANDS ? config().names().commandQueue(destination.domain())
        : config().names().topic(destination.domain());
  }

  /**
   * Each entity's messages queue up there behind those of earlier calls ({@link SendQueues}), so calls that happen
   * one after the other reach Service Bus in that order, awaited or not.
   */
  @Override
  protected List<CompletableFuture<Void>> send(List<OutgoingMessage> batch) {
    return queues.publish(batch);
  }

  private Throwable[] send(Destination destination, String entity, List<OutgoingMessage> messages) {
    try {
      provision(entity, () -> ServiceBusTopology.forPublishing(config(), destination));
    } catch (RuntimeException e) {
      Throwable[] all = new Throwable[messages.size()];
      Arrays.fill(all, new WhizbangException("Service Bus: cannot provision '" + entity + "' (the relay retries): "
          + e.getMessage(), e));
      return all;
    }
    ServiceBusSenderClient sender = senders.computeIfAbsent(entity, e -> destination.kind()
        == Destination.Kind.COMMANDS ? clients.sender().queueName(e).buildClient()
        : clients.sender().topicName(e).buildClient());
    return new BatchPacker(entity, () -> new SdkBatch(sender), calls, config().wireFormat()).sendAll(messages);
  }

  private void provision(String key, java.util.function.Supplier<ServiceBusTopology> needed) {
    if (provisioner != null && !provisioned.contains(key)) {
      provisioner.apply(needed.get());
      provisioned.add(key);
    }
  }

  @Override
  protected Subscription open(SubscriptionRequest request, DeliveryHandler handler) {
    ServiceBusTopology needed = ServiceBusTopology.forSubscription(config(), request);
    if (provisioner != null) {
      try {
        provisioner.apply(needed); // at every subscribe: the rules follow the wire names subscribed now
      } catch (ServiceBusConfigException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new WhizbangException("Service Bus: cannot provision the entities of subscriber '"
            + request.subscriberId() + "' (" + needed + "): " + e.getMessage(), e);
      }
      needed.queues().forEach(q -> provisioned.add(q.name()));
      needed.topics().forEach(t -> provisioned.add(t.name()));
    }
    return ServiceBusSubscription.start(request, handler, config(), counters(), calls, lifecycle(),
        administration());
  }

  /** Lets sends in progress finish, and closes the SDK clients. */
  @Override
  protected void release() {
    publishers.shutdown();
    try {
      publishers.awaitTermination(config().operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.values().forEach(s -> {
      try {
        s.close();
      } catch (RuntimeException ignored) {
        // closing anyway
      }
    });
  }
}
