package io.whizbang.kafka;

import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.transport.Destination;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Names topics and makes sure they exist before anything is sent to or read from them: the broker's automatic topic
 * creation would ignore the configured partition count, and with provisioning off a missing topic must be a clear
 * error rather than a send that blocks until it times out.
 */
final class KafkaTopics implements TopicResolver {

  private final KafkaConfig config;
  private final Admin admin;
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> maxMessageBytes = new ConcurrentHashMap<>();

  KafkaTopics(KafkaConfig config, Admin admin) {
    this.config = config;
    this.admin = admin;
  }

  @Override
  public String nameOf(Destination destination) {
    String topic = config.topicNaming().topicFor(destination);
    if (topic == null || topic.isBlank()) {
      throw new KafkaConfigException("the topic naming returned no name for " + destination);
    }
    return topic;
  }

  /** Checks (once per topic and transport) that the topics exist, creating them when provisioning is allowed. */
  @Override
  public void ensure(Collection<String> topics) {
    Set<String> unknown = new LinkedHashSet<>(topics);
    unknown.removeAll(known);
    if (unknown.isEmpty()) {
      return;
    }
    Map<String, TopicDescription> found = describe(unknown);
    List<String> missing = unknown.stream().filter(topic -> !found.containsKey(topic)).toList();
    if (!missing.isEmpty()) {
      if (!config.provisioning()) {
        throw new MissingTopicException(missing.get(0), "topic provisioning is off: create it (for example"
            + " kafka-topics.sh --create --topic " + missing.get(0) + " --partitions <n>) or enable"
            + " KafkaConfig.builder().provisioning(true)");
      }
      create(missing);
    }
    readLimits(unknown);
    known.addAll(unknown);
  }

  @Override
  public int maxMessageBytes(String topic, boolean reread) {
    // Without a reread, no broker call: the limit was read when the topic was ensured (none read: no limit known).
    if (reread) {
      readLimits(Set.of(topic));
    }
    return maxMessageBytes.getOrDefault(topic, Integer.MAX_VALUE);
  }

  /** Reads the topics' max.message.bytes, which the broker checks each record batch against. */
  private void readLimits(Set<String> topics) {
    List<ConfigResource> resources = topics.stream()
        .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    Map<ConfigResource, KafkaFuture<Config>> futures = admin.describeConfigs(resources).values();
    for (ConfigResource resource : resources) {
      ConfigEntry entry = await(futures.get(resource), "read the configuration of Kafka topic '" + resource.name()
          + "'").get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      if (entry != null && entry.value() != null) {
        maxMessageBytes.put(resource.name(), Integer.parseInt(entry.value()));
      }
    }
  }

  /** The partitions of an existing topic; a missing topic is a {@link MissingTopicException}. */
  TopicDescription describe(String topic) {
    TopicDescription description = describe(List.of(topic)).get(topic);
    if (description == null) {
      throw new MissingTopicException(topic, "nothing to read (check the destination and the topic naming)");
    }
    return description;
  }

  /** The descriptions of those of {@code topics} that exist. */
  private Map<String, TopicDescription> describe(Collection<String> topics) {
    Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(topics).topicNameValues();
    Map<String, TopicDescription> found = new HashMap<>();
    for (String topic : topics) {
      try {
        found.put(topic, await(futures.get(topic), "describe Kafka topic '" + topic + "'"));
      } catch (UnknownTopicOrPartitionException e) {
        // absent from the map
      }
    }
    return found;
  }

  private void create(List<String> topics) {
    List<NewTopic> requests = new ArrayList<>();
    for (String topic : topics) {
      requests.add(new NewTopic(topic, Optional.of(config.partitions()), config.replicationFactor()));
    }
    Map<String, KafkaFuture<Void>> futures = admin.createTopics(requests).values();
    for (String topic : topics) {
      try {
        await(futures.get(topic), "create Kafka topic '" + topic + "'");
      } catch (TopicExistsException e) {
        // another instance created it in the meantime: exactly what was wanted
      }
    }
    awaitLeaders(topics);
  }

  /**
   * Waits until every partition of freshly created topics is served by its leader. Producing into the first
   * milliseconds of a new topic otherwise meets NOT_LEADER_OR_FOLLOWER on one partition while later batches of the
   * idempotent producer are accepted, leaving its first batch stuck with an out-of-order sequence number until the
   * delivery timeout. Metadata alone is not enough (it names the leader before the leader is ready); a ListOffsets
   * request goes through the leader's replica manager, like a produce request.
   */
  private void awaitLeaders(List<String> topics) {
    long deadline = System.nanoTime() + config.operationTimeout().toNanos();
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    while (true) {
      Map<String, TopicDescription> found = describe(topics);
      boolean ready = found.size() == topics.size();
      partitions.clear();
      for (TopicDescription description : found.values()) {
        ready &= description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        description.partitions().forEach(p -> partitions.put(new TopicPartition(description.name(),
            p.partition()), OffsetSpec.latest()));
      }
      if (ready) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new WhizbangException("Kafka topics " + topics + " were created but their partitions have no leader"
            + " after " + config.operationTimeout() + " (check the broker's health)");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WhizbangException("interrupted while waiting for Kafka topics " + topics, e);
      }
    }
    // The admin client retries NOT_LEADER_OR_FOLLOWER by itself until the leaders answer or the timeout passes.
    await(admin.listOffsets(partitions).all(), "reach the leaders of the new Kafka topics " + topics);
  }

  private <T> T await(KafkaFuture<T> future, String action) {
    long timeoutMs = config.operationTimeout().toMillis();
    try {
      return future.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UnknownTopicOrPartitionException || cause instanceof TopicExistsException) {
        throw (RuntimeException) cause; // the caller knows what an absent or a just created topic means to it
      }
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        // The admin client gave up by itself (same bound): report it like our own wait running out.
        throw noAnswer(action, timeoutMs, cause);
      }
      throw new WhizbangException("could not " + action + " at " + config.bootstrapServers() + ": " + cause, cause);
    } catch (TimeoutException e) {
      throw noAnswer(action, timeoutMs, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WhizbangException("interrupted while trying to " + action, e);
    }
  }

  private WhizbangException noAnswer(String action, long timeoutMs, Throwable cause) {
    return new WhizbangException("could not " + action + ": no answer from " + config.bootstrapServers()
        + " within " + timeoutMs + " ms (is the broker reachable? operationTimeout sets this bound)", cause);
  }
}
