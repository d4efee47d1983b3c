package io.whizbang.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.kit.BacklogRefresh;
import io.whizbang.runtime.transport.kit.KeyedLanes;
import io.whizbang.runtime.transport.kit.TransportCounters;
import io.whizbang.runtime.transport.kit.TransportLifecycle;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running consumer: one channel per queue (the subscriber's event queue and each command queue), manual
 * acknowledgement, and {@code concurrency} lanes chosen by partition key. After a lost connection the client
 * re-attaches the consumers; acknowledgements of deliveries from before the loss are dropped by the client and the
 * broker redelivers those messages.
 */
final class RabbitMqSubscription implements Subscription {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitMqSubscription.class);

  private final SubscriptionRequest request;
  private volatile KeyedLanes<RabbitMqDelivery> lanes;
  private volatile TransportCounters counters;
  private volatile Duration closeTimeout;
  private final List<Channel> channels = new ArrayList<>();
  private volatile ReadyMessages readyMessages;
  private volatile BacklogRefresh backlog = BacklogRefresh.unknown();
  private final TransportLifecycle lifecycle;
  private volatile boolean closed;

  private RabbitMqSubscription(SubscriptionRequest request, TransportLifecycle lifecycle) {
    this.request = request;
    this.lifecycle = lifecycle;
  }

  static RabbitMqSubscription start(SubscriptionRequest request, DeliveryHandler handler, Connection connection,
      RabbitMqTopology topology, Names names, RabbitMqConfig config, TransportCounters counters,
      TransportLifecycle lifecycle) {
    RabbitMqSubscription subscription = new RabbitMqSubscription(request, lifecycle);
    subscription.counters = counters;
    subscription.closeTimeout = config.closeTimeout();
    Map<String, QueueSource> queues = declare(request, topology, names);
    String name = "whizbang-rabbitmq-" + request.subscriberId();
    // Held keys pass no delivery, due holds come back first, and a lane waits no longer than its next hold is due.
    // Buffered deliveries of a stopping lane stay unacknowledged: closing the channel returns them to the queue at
    // their places.
    subscription.lanes = KeyedLanes.holding(name, RabbitMqDelivery::laneKey, handler, config.maxUnackedHold())
        .lanes(request.concurrency()).maxBatch(config.maxBatch()).threads(config.threads(name + "-lane")).build()
        .start();
    try {
      for (Map.Entry<String, QueueSource> queue : queues.entrySet()) {
        Channel channel = connection.createChannel();
        subscription.channels.add(channel);
        channel.basicQos(config.prefetch());
        ChannelLife life = new ChannelLife(); // ended by the consumer's shutdown callback (see ChannelLife)
        channel.basicConsume(queue.getKey(), false, subscription.new Consumer(channel, queue.getKey(),
            queue.getValue(), life));
      }
      subscription.readyMessages = new ReadyMessages(connection, List.copyOf(queues.keySet()));
      subscription.backlog = BacklogRefresh.start(config.threads(name + "-backlog"), "the queues "
          + queues.keySet() + " of subscriber '" + request.subscriberId() + "'", subscription.readyMessages);
    } catch (IOException | RuntimeException e) {
      subscription.close();
      throw new WhizbangException("cannot consume " + queues.keySet() + " for subscriber '"
          + request.subscriberId() + "': " + e.getMessage(), e);
    }
    return subscription;
  }

  /** What one queue carries for this subscription: the wire names wanted (empty = all) and its kind. */
  private record QueueSource(Destination.Kind kind, Set<String> wireNames) {
    boolean wants(String wireName) {
      return wireNames.isEmpty() || wireNames.contains(wireName);
    }
  }

  private static Map<String, QueueSource> declare(SubscriptionRequest request, RabbitMqTopology topology, Names names) {
    Map<String, Set<String>> eventsByDomain = new LinkedHashMap<>();
    Map<String, QueueSource> queues = new LinkedHashMap<>();
    for (SubscriptionRequest.Source source : request.sources()) {
      String domain = source.destination().domain();
      if (source.destination().kind() == Destination.Kind.EVENTS) {
        Set<String> wanted = source.wireNames().isEmpty() ? Set.of("#") : source.wireNames();
        eventsByDomain.computeIfAbsent(domain, d -> new HashSet<>()).addAll(wanted);
      } else {
        topology.commandQueue(domain);
        queues.merge(names.commandQueue(domain), new QueueSource(Destination.Kind.COMMANDS, source.wireNames()),
            RabbitMqSubscription::union);
      }
    }
    if (!eventsByDomain.isEmpty()) {
      topology.subscriberQueue(request.subscriberId(), eventsByDomain);
      Set<String> all = new HashSet<>();
      eventsByDomain.values().forEach(all::addAll);
      queues.put(names.subscriberQueue(request.subscriberId()),
          new QueueSource(Destination.Kind.EVENTS, all.contains("#") ? Set.of() : all));
    }
    return queues;
  }

  private static QueueSource union(QueueSource a, QueueSource b) {
    if (a.wireNames().isEmpty() || b.wireNames().isEmpty()) {
      return new QueueSource(a.kind(), Set.of());
    }
    Set<String> both = new HashSet<>(a.wireNames());
    both.addAll(b.wireNames());
    return new QueueSource(a.kind(), both);
  }

  /**
   * The ready messages of the queues this subscription consumes (the subscriber's event queue, its command queues),
   * as the broker last reported them, read every {@link BacklogRefresh#INTERVAL}: messages delivered and not
   * acknowledged yet are not counted. Every instance of a subscriber consumes the same queues, so each reports the
   * same count.
   */
  @Override
  public OptionalLong backlog() {
    return backlog.value();
  }

  /**
   * Lets each lane finish the batch in hand (so its acknowledgements still reach the broker), then closes the
   * channels, which returns every unacknowledged message (held, buffered, in flight) to its queue at its place.
   *
   * <p>The consumers are deliberately not cancelled first: with a single active consumer, a cancel would hand the
   * queue to the next instance at once, while this one still holds unacknowledged messages, and the next instance
   * would take later messages of a key before its held ones come back. A channel closing removes its consumer and
   * requeues its messages in one step of the queue, so the next consumer starts with them.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    backlog.close();
    if (readyMessages != null) {
      readyMessages.close();
    }
    lanes.stop();
    try {
      lanes.awaitStopped(closeTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Channel channel : channels) {
      try {
        if (channel.isOpen()) {
          channel.close();
        }
      } catch (IOException | TimeoutException | RuntimeException e) {
        LOG.debug("closing a consumer channel of '{}': {}", request.subscriberId(), e.toString());
      }
    }
    lifecycle.forget(this);
  }

  /** Receives deliveries on the channel's dispatch thread, in queue order, and routes them to lanes. */
  private final class Consumer extends DefaultConsumer {
    private final String queue;
    private final QueueSource source;
    private final ChannelLife life;

    Consumer(Channel channel, String queue, QueueSource source, ChannelLife life) {
      super(channel);
      this.queue = queue;
      this.source = source;
      this.life = life;
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
        throws IOException {
      if (closed) {
        return; // the channel is closing: the broker requeues this message
      }
      // The AMQP type, else a CloudEvent's type attribute (another producer need not set the AMQP property).
      if (!source.wants(Properties.wireName(properties))) {
        if (source.kind() == Destination.Kind.COMMANDS) {
          // A command nobody here handles must not vanish: the broker dead-letters it.
          LOG.warn("queue {} received command {} ({}) that subscriber '{}' does not handle; dead-lettering it",
              queue, Properties.wireName(properties), Properties.messageId(properties), request.subscriberId());
          getChannel().basicReject(envelope.getDeliveryTag(), false);
        } else {
          getChannel().basicAck(envelope.getDeliveryTag(), false); // an event of a type no longer subscribed to
        }
        return;
      }
      try {
        lanes.offer(new RabbitMqDelivery(getChannel(), envelope.getDeliveryTag(), queue, properties, body,
            envelope.isRedeliver(), lanes, life, counters));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // left unacknowledged: the broker requeues it when the channel closes
      }
    }

    /**
     * Runs after every delivery the dead channel had received (the client dispatches them in order), on each loss,
     * the client's automatic recoveries included, which keep this consumer: from here on they are all stale.
     */
    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
      life.ended();
    }

    @Override
    public void handleCancel(String consumerTag) {
      LOG.warn("the broker cancelled the consumer of queue {} for subscriber '{}' (queue deleted?)", queue,
          request.subscriberId());
    }
  }
}
