package io.whizbang.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.impl.NetworkConnection;
import com.rabbitmq.client.impl.recovery.RecordedBinding;
import com.rabbitmq.client.impl.recovery.RecordedExchange;
import com.rabbitmq.client.impl.recovery.RecordedQueue;
import com.rabbitmq.client.impl.recovery.TopologyRecoveryFilter;
import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.TransportLimits;
import io.whizbang.runtime.transport.kit.BrokerTransport;
import io.whizbang.runtime.transport.kit.OneUnconfirmedPerKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RabbitMQ transport.
 *
 * <p>RabbitMqTopology (names with the default prefix {@code whizbang.}):
 * <ul>
 *   <li>events of domain {@code D}: topic exchange {@code whizbang.D.events}, routing key = wire name;
 *   <li>subscriber {@code S}: durable queue {@code whizbang.subscriber.S}, bound to each source domain's events
 *       exchange once per subscribed wire name; every instance of {@code S} consumes that one queue;
 *   <li>commands of domain {@code D}: durable queue {@code whizbang.D.commands}, published to through the default
 *       exchange (routing key = queue name), consumed by the owning service's instances;
 *   <li>dead letters: fanout exchange and queue {@code whizbang.dead-letter}, the {@code x-dead-letter-exchange} of
 *       every queue above.
 * </ul>
 *
 * <p>A released message is not moved to another queue: it waits unacknowledged in its key's hold, which keeps its
 * place in the queue across hand-overs and restarts (see the kit's {@code KeyedLanes.holding}).
 *
 * <pre>{@code
 * Transport transport = RabbitMqTransport.connect(RabbitMqConfig.builder().host("rabbit.internal").build());
 * }</pre>
 */
public final class RabbitMqTransport extends BrokerTransport<RabbitMqConfig> {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitMqTransport.class);

  private final Connection publishing;
  private final Connection consuming;
  private final Names names;
  private final RabbitMqTopology topology;
  private final Publisher publisher;
  private final ScheduledThreadPoolExecutor timer;
  /** Sends a key's next message once the previous one is confirmed (see {@link OneUnconfirmedPerKey}). */
  private final ExecutorService sender;
  private final OneUnconfirmedPerKey keys;
  private final AtomicInteger recoveries = new AtomicInteger();
  /** The publishing connection's frame limit, renewed when a recovered connection negotiated another one. */
  private volatile HeaderFrame headerFrame;

  private RabbitMqTransport(RabbitMqConfig config, Connection publishing, Connection consuming) {
    super("rabbitmq", "RabbitMQ", true, config);
    this.publishing = publishing;
    this.consuming = consuming;
    this.names = new Names(config.namePrefix());
    this.topology = new RabbitMqTopology(consuming, config, names);
    this.timer = new ScheduledThreadPoolExecutor(1, config.threads("whizbang-rabbitmq-confirm-timeout"));
    timer.setRemoveOnCancelPolicy(true);
    this.publisher = new Publisher(publishing, config.confirmTimeout(), timer);
    this.sender = Executors.newSingleThreadExecutor(config.threads("whizbang-rabbitmq-publish"));
    this.keys = new OneUnconfirmedPerKey(sender, RabbitMqPublishException::new);
    this.headerFrame = new HeaderFrame(publishing.getFrameMax());
    for (Connection connection : List.of(publishing, consuming)) {
      if (connection instanceof Recoverable recoverable) {
        recoverable.addRecoveryListener(new RecoveryListener() {
          @Override
          public void handleRecovery(Recoverable recovered) {
            recoveries.incrementAndGet();
            LOG.info("RabbitMQ connection {} recovered", connection.getClientProvidedName());
          }

          @Override
          public void handleRecoveryStarted(Recoverable recovering) {
            LOG.warn("RabbitMQ connection {} lost; reconnecting every {} ms", connection.getClientProvidedName(),
                config.recoveryInterval().toMillis());
          }
        });
      }
    }
  }

  /**
   * {@code unroutable}, the messages the broker could not route to any queue (events nobody subscribes to, accepted
   * unless {@code failUnroutableEvents}, and failed commands; a rising count with subscribers running means a
   * missing binding), and {@code recoveries}, the times a connection was re-established after a loss.
   */
  @Override
  protected Map<String, Long> details() {
    return Map.of("unroutable", publisher.unroutable(), "recoveries", (long) recoveries.get());
  }

  /** Queues and exchanges this transport declared (tests delete them afterwards). */
  List<String> declaredQueues() {
    return List.copyOf(topology.declaredQueues());
  }

  List<String> declaredExchanges() {
    return List.copyOf(topology.declaredExchanges());
  }

  /** The local TCP ports of both connections, which the broker lists as their peer ports (tests only). */
  List<Integer> localPorts() {
    return List.of(((NetworkConnection) publishing).getLocalPort(), ((NetworkConnection) consuming).getLocalPort());
  }

  /** Drops the consuming connection without any goodbye, as a crashed process would (tests only). */
  void crashConsumers() {
    consuming.abort();
  }

  /** How many times a connection of this transport was re-established after a loss. */
  int recoveries() {
    return recoveries.get();
  }

  /** Connects with the given settings (two connections: one publishes, one consumes). */
  public static RabbitMqTransport connect(RabbitMqConfig config) {
    Objects.requireNonNull(config, "config");
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(config.host());
    factory.setPort(config.port());
    factory.setVirtualHost(config.virtualHost());
    factory.setUsername(config.username());
    factory.setPassword(config.password());
    if (config.tls() != null) {
      factory.useSslProtocol(config.tls());
    }
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    // Exchanges, queues and bindings are durable and outlive connections and restarts; only consumers need to be
    // re-attached. (Re-declaring would also fail: they were declared on short-lived channels.)
    factory.setTopologyRecoveryFilter(new TopologyRecoveryFilter() {
      @Override
      public boolean filterExchange(RecordedExchange exchange) {
        return false;
      }

      @Override
      public boolean filterQueue(RecordedQueue queue) {
        return false;
      }

      @Override
      public boolean filterBinding(RecordedBinding binding) {
        return false;
      }
    });
    factory.setNetworkRecoveryInterval(config.recoveryInterval().toMillis());
    factory.setRequestedHeartbeat(10);
    factory.setChannelRpcTimeout((int) Math.min(Integer.MAX_VALUE, config.operationTimeout().toMillis()));
    Connection publishing = null;
    try {
      publishing = factory.newConnection("whizbang-publisher");
      Connection consuming = factory.newConnection("whizbang-consumer");
      return new RabbitMqTransport(config, publishing, consuming);
    } catch (IOException | TimeoutException e) {
      closeQuietly(publishing);
      throw new WhizbangException("cannot connect to RabbitMQ at " + config.host() + ":" + config.port()
          + " (virtual host '" + config.virtualHost() + "', user '" + config.username() + "'): " + e.getMessage()
          + "; is the broker running (scripts/services/start-rabbitmq.sh) and are the credentials right?", e);
    }
  }

  /**
   * The content header frame (properties and headers) must fit the connection's negotiated frame_max, less room
   * for the properties the transport sets; a header name has at most 255 bytes. See {@link HeaderFrame}.
   */
  @Override
  public TransportLimits limits() {
    return headerFrame().limits();
  }

  private HeaderFrame headerFrame() {
    HeaderFrame current = headerFrame;
    int frameMax = publishing.getFrameMax();
    if (current.frameMax() != frameMax) {
      current = new HeaderFrame(frameMax);
      headerFrame = current;
    }
    return current;
  }

  @Override
  protected List<CompletableFuture<Void>> send(List<OutgoingMessage> batch) {
    Map<Destination, RuntimeException> unusable = prepare(batch);
    List<CompletableFuture<Void>> futures = new ArrayList<>(batch.size());
    OneUnconfirmedPerKey.Call call = keys.call();
    HeaderFrame frame = headerFrame();
    for (OutgoingMessage message : batch) {
      boolean failIfUnroutable =
          message.destination().kind() == Destination.Kind.COMMANDS || config().failUnroutableEvents();
      Properties.Wire wire = Properties.wire(message, config().wireFormat());
      RuntimeException problem = unusable.get(message.destination());
      if (problem == null) {
        problem = frame.refusal(message, wire.properties()); // a row stored without the outbox's check of limits()
      }
      futures.add(call.submit(message.partitionKey(), message.messageId().toString(), problem,
          () -> publisher.send(names.route(message.destination(), message.wireName()), wire.properties(),
              wire.body(), failIfUnroutable)));
    }
    return futures;
  }

  /** Makes sure every destination of the batch exists; returns the ones that do not, with the reason. */
  private Map<Destination, RuntimeException> prepare(List<OutgoingMessage> batch) {
    Map<Destination, RuntimeException> unusable = new HashMap<>();
    for (OutgoingMessage message : batch) {
      Destination destination = message.destination();
      if (unusable.containsKey(destination)) {
        continue;
      }
      try {
        if (destination.kind() == Destination.Kind.EVENTS) {
          topology.eventsExchange(destination.domain());
        } else {
          topology.commandQueue(destination.domain());
        }
      } catch (RuntimeException e) {
        unusable.put(destination, e);
      }
    }
    return unusable;
  }

  @Override
  protected Subscription open(SubscriptionRequest request, DeliveryHandler handler) {
    return RabbitMqSubscription.start(request, handler, consuming, topology, names, config(), counters(),
        lifecycle());
  }

  /** Closes both connections, once every subscription stopped (letting handlers finish their batch). */
  @Override
  protected void release() {
    sender.shutdown(); // a key's waiting messages now fail as not sent instead of going out
    publisher.close();
    timer.shutdownNow();
    closeQuietly(consuming);
    closeQuietly(publishing);
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (IOException | RuntimeException ignored) {
        // closing anyway
      }
    }
  }
}
