package io.whizbang.sqs;

/**
 * The fault suite on a fauxqs of its own (scripts/services/start-sns.sh with {@code SNS_STORAGE=disk}: topics,
 * subscriptions, queues and messages written out as it stops and read back as it starts), events published to a
 * FIFO SNS topic that delivers them to the subscriber's FIFO queue.
 */
class FauxqsFaultTest extends SqsFaultSuite {
  FauxqsFaultTest() {
    super(Dedicated.FAUXQS);
  }
}
