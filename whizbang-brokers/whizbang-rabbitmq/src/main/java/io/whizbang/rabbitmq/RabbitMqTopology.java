package io.whizbang.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.whizbang.runtime.core.WhizbangException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Declares (or, with provisioning off, only checks) the exchanges, queues and bindings. Each operation runs on a
 * short-lived channel because a failed declaration closes its channel, and the publishing and consuming channels
 * must never be closed by one.
 */
final class RabbitMqTopology {

  private final Connection connection;
  private final RabbitMqConfig config;
  private final Names names;
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private final Set<String> queues = ConcurrentHashMap.newKeySet();
  private final Set<String> exchanges = ConcurrentHashMap.newKeySet();

  RabbitMqTopology(Connection connection, RabbitMqConfig config, Names names) {
    this.connection = connection;
    this.config = config;
    this.names = names;
  }

  /** The domain's events exchange exists. */
  void eventsExchange(String domain) {
    String exchange = names.eventsExchange(domain);
    once("exchange " + exchange, ch -> {
      if (config.provisioning()) {
        ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        exchanges.add(exchange);
      } else {
        ch.exchangeDeclarePassive(exchange);
      }
    }, "exchange '" + exchange + "'");
  }

  /** The domain's command queue exists. */
  void commandQueue(String domain) {
    mainQueue(names.commandQueue(domain));
  }

  /** The subscriber's queue exists and is bound to each domain's events exchange for each wire name. */
  void subscriberQueue(String subscriberId, Map<String, Set<String>> wireNamesByDomain) {
    String queue = names.subscriberQueue(subscriberId);
    mainQueue(queue);
    wireNamesByDomain.forEach((domain, wireNames) -> {
      eventsExchange(domain);
      String exchange = names.eventsExchange(domain);
      for (String wireName : wireNames) {
        once("binding " + queue + " " + exchange + " " + wireName, ch -> {
          if (config.provisioning()) {
            ch.queueBind(queue, exchange, wireName);
          }
          // Bindings cannot be checked passively over AMQP; with provisioning off they are the operator's job.
        }, "binding of queue '" + queue + "' to exchange '" + exchange + "' for '" + wireName + "'");
      }
    });
  }

  /** The queues this transport declared (for tests that clean up after themselves). */
  Set<String> declaredQueues() {
    return Set.copyOf(queues);
  }

  /** The exchanges this transport declared. */
  Set<String> declaredExchanges() {
    return Set.copyOf(exchanges);
  }

  private void mainQueue(String queue) {
    deadLetter();
    once("queue " + queue, ch -> {
      if (config.provisioning()) {
        ch.queueDeclare(queue, true, false, false, mainQueueArguments());
        queues.add(queue);
      } else {
        ch.queueDeclarePassive(queue);
      }
    }, "queue '" + queue + "'");
  }

  private void deadLetter() {
    String exchange = names.deadLetterExchange();
    String queue = names.deadLetterQueue();
    once("dead-letter " + exchange, ch -> {
      if (config.provisioning()) {
        ch.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true);
        ch.queueDeclare(queue, true, false, false, Map.of("x-queue-type", config.queueType().argument()));
        ch.queueBind(queue, exchange, "");
        exchanges.add(exchange);
        queues.add(queue);
      } else {
        ch.exchangeDeclarePassive(exchange);
      }
    }, "dead-letter exchange '" + exchange + "'");
  }

  Map<String, Object> mainQueueArguments() {
    Map<String, Object> args = new HashMap<>();
    args.put("x-queue-type", config.queueType().argument());
    args.put("x-dead-letter-exchange", names.deadLetterExchange());
    if (config.ordering() == Ordering.SINGLE_ACTIVE_CONSUMER) {
      args.put("x-single-active-consumer", true);
    }
    if (config.queueType() == QueueType.CLASSIC && config.maxPriority() > 0) {
      args.put("x-max-priority", config.maxPriority());
    }
    if (config.deliveryLimit() != null) {
      args.put("x-delivery-limit", config.deliveryLimit());
    }
    return args;
  }

  @FunctionalInterface
  interface Declaration {
    void run(Channel channel) throws IOException;
  }

  private void once(String key, Declaration declaration, String what) {
    if (done.contains(key)) {
      return;
    }
    Channel channel = null;
    try {
      channel = connection.createChannel();
      declaration.run(channel);
      done.add(key);
    } catch (IOException e) {
      throw translate(e, what);
    } catch (ShutdownSignalException e) {
      throw translate(e, what);
    } finally {
      closeQuietly(channel);
    }
  }

  private WhizbangException translate(Exception e, String what) {
    ShutdownSignalException signal = e instanceof ShutdownSignalException s ? s
        : e.getCause() instanceof ShutdownSignalException s ? s : null;
    int code = signal != null && signal.getReason() instanceof AMQP.Channel.Close close ? close.getReplyCode() : 0;
    String vhost = "in virtual host '" + config.virtualHost() + "'";
    if (code == 404) {
      return new WhizbangException(what + " does not exist " + vhost + " and provisioning is off: create it "
          + "(see the RabbitMQ topology in the README) or enable provisioning(true)", e);
    }
    if (code == 406) {
      return new WhizbangException(what + " exists " + vhost + " with other settings than this transport's ("
          + config.queueType() + ", " + config.ordering() + ", maxPriority " + config.maxPriority()
          + "): align queueType/ordering/maxPriority with it, or delete it so that it is declared again ("
          + signal.getMessage() + ")", e);
    }
    if (code == 403) {
      return new WhizbangException("user '" + config.username() + "' may not declare " + what + " " + vhost
          + ": grant configure permission or create it up front and set provisioning(false)", e);
    }
    return new WhizbangException("could not declare " + what + " " + vhost + ": " + e.getMessage(), e);
  }

  private static void closeQuietly(Channel channel) {
    if (channel != null && channel.isOpen()) {
      try {
        channel.close();
      } catch (IOException | TimeoutException | RuntimeException ignored) {
        // the channel is gone either way
      }
    }
  }
}
