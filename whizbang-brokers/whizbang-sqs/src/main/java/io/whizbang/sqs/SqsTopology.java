package io.whizbang.sqs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Finds the queues, topics and subscriptions of {@link SqsNames}, creating missing ones when provisioning is on and
 * naming what is missing when it is off. Queue URLs and topic ARNs are remembered once found.
 */
final class SqsTopology {

  private static final Logger LOG = LoggerFactory.getLogger(SqsTopology.class);

  private final SqsClient sqs;
  private final SnsClient sns;
  private final SqsConfig config;
  private final SqsNames names;
  private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
  private final Map<String, String> topicArns = new ConcurrentHashMap<>();
  private final Set<String> created = ConcurrentHashMap.newKeySet();

  SqsTopology(SqsClient sqs, SnsClient sns, SqsConfig config) {
    this.sqs = sqs;
    this.sns = sns;
    this.config = config;
    this.names = new SqsNames(config.namePrefix(), config.fifo());
  }

  SqsNames names() {
    return names;
  }

  /** Queues and topics this transport created (tests delete them afterwards). */
  Set<String> created() {
    return Set.copyOf(created);
  }

  String commandQueueUrl(String domain) {
    return queueUrl(names.commandQueue(domain), "the command queue of domain '" + domain + "'");
  }

  String sourceQueueUrl(String domain, String subscriberId) {
    return queueUrl(names.sourceQueue(domain, subscriberId),
        "the queue of subscriber '" + subscriberId + "' for the events of domain '" + domain + "'");
  }

  /**
   * Every {@link EventRouting#SQS_QUEUES} queue reading {@code domain}'s events, listed afresh on each call so that
   * a subscriber that just started is included.
   */
  List<QueueRef> sourceQueues(String domain) {
    String prefix = names.sourceQueuePrefix(domain);
    List<QueueRef> found = new ArrayList<>();
    for (String url : sqs.listQueuesPaginator(b -> b.queueNamePrefix(prefix).maxResults(1000)).queueUrls()) {
      String name = url.substring(url.lastIndexOf('/') + 1);
      if (!names.isDeadLetterQueue(name) && names.matchesKind(name)) {
        found.add(new QueueRef(name, url));
      }
    }
    return found;
  }

  String topicArn(String domain) {
    String name = names.topic(domain);
    String arn = topicArns.get(name);
    if (arn != null) {
      return arn;
    }
    if (config.provisioning()) {
      Map<String, String> attributes = new HashMap<>();
      if (config.fifo()) {
        attributes.put("FifoTopic", "true");
        attributes.put("ContentBasedDeduplication", "false");
      }
      arn = sns.createTopic(b -> b.name(name).attributes(attributes)).topicArn();
      created.add(name);
    } else {
      arn = findTopic(name);
      if (arn == null) {
        throw new MissingResourceException("the SNS topic '" + name + "' for the events of domain '" + domain
            + "' does not exist" + where() + " and provisioning is off: create it (" + (config.fifo()
            ? "FIFO topic, content-based deduplication off" : "standard topic") + ") or turn provisioning on");
      }
    }
    topicArns.put(name, arn);
    return arn;
  }

  /**
   * The queue of {@code subscriberId}, subscribed to {@code domain}'s topic with raw delivery and a filter policy
   * on the wire name, and allowed to receive from the topics of this prefix.
   */
  String subscriberQueueUrl(String subscriberId, String domain, Set<String> wireNames) {
    String queue = names.subscriberQueue(subscriberId);
    String url = queueUrl(queue, "the queue of subscriber '" + subscriberId + "'");
    String topicArn = topicArn(domain);
    String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    String filter = filterPolicy(wireNames);
    String subscriptionArn = findSubscription(topicArn, queueArn);
    if (subscriptionArn == null) {
      if (!config.provisioning()) {
        throw new MissingResourceException("queue '" + queue + "' is not subscribed to the SNS topic '"
            + names.topic(domain) + "' and provisioning is off: subscribe it with RawMessageDelivery=true and"
            + " FilterPolicy " + filter + ", or turn provisioning on");
      }
      allowTopicsToSend(url, queueArn, topicArn);
      sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn).returnSubscriptionArn(true)
          .attributes(Map.of("RawMessageDelivery", "true", "FilterPolicy", filter)));
      return url;
    }
    String current = sns.getSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn)).attributes()
        .get("FilterPolicy");
    if (!filter.equals(current)) {
      if (!config.provisioning()) {
        throw new MissingResourceException("the subscription of queue '" + queue + "' to SNS topic '"
            + names.topic(domain) + "' has FilterPolicy " + current + " but needs " + filter
            + ", and provisioning is off: update it or turn provisioning on");
      }
      sns.setSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn).attributeName("FilterPolicy")
          .attributeValue(filter));
    }
    return url;
  }

  /** Delivers only the wanted wire names: SNS matches them against the {@code wb-type} message attribute. */
  static String filterPolicy(Set<String> wireNames) {
    StringBuilder json = new StringBuilder("{\"wb-type\":[");
    boolean first = true;
    for (String name : new TreeSet<>(wireNames)) {
      json.append(first ? "" : ",").append('"').append(name.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      first = false;
    }
    return json.append("]}").toString();
  }

  String queueUrl(String name, String what) {
    String url = queueUrls.get(name);
    if (url != null) {
      return url;
    }
    try {
      url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
    } catch (QueueDoesNotExistException e) {
      if (!config.provisioning()) {
        throw new MissingResourceException("the SQS queue '" + name + "' (" + what + ") does not exist" + where()
            + " and provisioning is off: create it (" + (config.fifo() ? "FIFO queue" : "standard queue")
            + (config.deadLetterAfterReceives() != null ? ", with dead-letter queue '" + names.deadLetterQueue(name)
            + "'" : "") + ") or turn provisioning on");
      }
      url = createQueue(name);
    }
    queueUrls.put(name, url);
    return url;
  }

  private String createQueue(String name) {
    Map<QueueAttributeName, String> attributes = new HashMap<>();
    attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(config.visibilityTimeout().toSeconds()));
    if (config.fifo()) {
      attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
      attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false");
    }
    if (config.deadLetterAfterReceives() != null) {
      String dlq = names.deadLetterQueue(name);
      Map<QueueAttributeName, String> dlqAttributes = new HashMap<>();
      if (config.fifo()) {
        dlqAttributes.put(QueueAttributeName.FIFO_QUEUE, "true");
      }
      dlqAttributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600");
      String dlqUrl = sqs.createQueue(b -> b.queueName(dlq).attributes(dlqAttributes)).queueUrl();
      created.add(dlq);
      queueUrls.put(dlq, dlqUrl);
      String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
          .attributes().get(QueueAttributeName.QUEUE_ARN);
      attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
          + "\",\"maxReceiveCount\":\"" + config.deadLetterAfterReceives() + "\"}");
    }
    String url = sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    created.add(name);
    LOG.info("created SQS queue {}", name);
    return url;
  }

  /**
   * Lets the SNS topics of this prefix send to the queue (AWS drops topic deliveries a queue's policy does not
   * allow). One statement covers every topic of the prefix in that account and region.
   */
  private void allowTopicsToSend(String queueUrl, String queueArn, String topicArn) {
    String topics = topicArn.substring(0, topicArn.lastIndexOf(':') + 1) + config.namePrefix() + "-*";
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"whizbang-sns\",\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\""
        + queueArn + "\",\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"" + topics + "\"}}}]}";
    sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy)));
  }

  private String findSubscription(String topicArn, String queueArn) {
    return sns.listSubscriptionsByTopicPaginator(b -> b.topicArn(topicArn)).subscriptions().stream()
        .filter(s -> queueArn.equals(s.endpoint()) && "sqs".equals(s.protocol())).map(Subscription::subscriptionArn)
        .findFirst().orElse(null);
  }

  private String findTopic(String name) {
    return sns.listTopicsPaginator().topics().stream().map(Topic::topicArn).filter(arn -> arn.endsWith(":" + name))
        .findFirst().orElse(null);
  }

  private String where() {
    return config.region() == null ? "" : " in region " + config.region().id();
  }

  /** A queue found by listing. */
  record QueueRef(String name, String url) {}
}
