package io.whizbang.sqs;

import io.whizbang.runtime.core.WhizbangException;

/**
 * The queue and topic names of one prefix. SQS names allow letters, digits, '-' and '_' (80 characters with the
 * {@code .fifo} suffix), so other characters of a domain or subscriber name (such as '.') become '-'.
 *
 * <ul>
 *   <li>events of domain D: SNS topic {@code <prefix>-D-events};
 *   <li>subscriber S: queue {@code <prefix>-subscriber-S}, subscribed to the topic of every domain it reads
 *       ({@link EventRouting#SNS_TOPICS}); or one queue per source domain, {@code <prefix>-D-events-S}
 *       ({@link EventRouting#SQS_QUEUES});
 *   <li>commands of domain D: queue {@code <prefix>-D-commands};
 *   <li>dead letters of queue Q: {@code Q-dlq}.
 * </ul>
 * FIFO names end in {@code .fifo}.
 */
final class SqsNames {

  static final int MAX_QUEUE_NAME = 80;
  private static final String FIFO = ".fifo";

  private final String prefix;
  private final boolean fifo;

  SqsNames(String prefix, boolean fifo) {
    this.prefix = prefix;
    this.fifo = fifo;
  }

  String topic(String domain) {
    return finish(prefix + "-" + part(domain) + "-events");
  }

  String commandQueue(String domain) {
    return finish(prefix + "-" + part(domain) + "-commands");
  }

  String subscriberQueue(String subscriberId) {
    return finish(prefix + "-subscriber-" + part(subscriberId));
  }

  /** The start of every {@link EventRouting#SQS_QUEUES} queue reading {@code domain}'s events. */
  String sourceQueuePrefix(String domain) {
    return prefix + "-" + part(domain) + "-events-";
  }

  String sourceQueue(String domain, String subscriberId) {
    return finish(sourceQueuePrefix(domain) + part(subscriberId));
  }

  String deadLetterQueue(String queueName) {
    String base = queueName.endsWith(FIFO) ? queueName.substring(0, queueName.length() - FIFO.length()) : queueName;
    return finish(base + "-dlq");
  }

  boolean isDeadLetterQueue(String queueName) {
    return queueName.endsWith("-dlq") || queueName.endsWith("-dlq" + FIFO);
  }

  boolean matchesKind(String queueName) {
    return queueName.endsWith(FIFO) == fifo;
  }

  private String finish(String base) {
    String name = fifo ? base + FIFO : base;
    if (name.length() > MAX_QUEUE_NAME) {
      throw new WhizbangException("the SQS/SNS name '" + name + "' is " + name.length() + " characters; AWS allows "
          + MAX_QUEUE_NAME + ": choose a shorter namePrefix, domain or subscriber name");
    }
    return name;
  }

  private static String part(String name) {
    if (name == null || name.isBlank()) {
      throw new WhizbangException("a domain or subscriber name must not be blank");
    }
    return name.replaceAll("[^A-Za-z0-9_-]", "-");
  }
}
