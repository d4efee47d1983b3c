package io.whizbang.sqs;

/**
 * The fault suite on an ElasticMQ of its own (scripts/services/start-sqs.sh with {@code SQS_STORAGE=disk}: queues
 * and messages in an H2 database that a restart reads back), events sent straight to the subscriber's FIFO queue.
 */
class ElasticMqFaultTest extends SqsFaultSuite {
  ElasticMqFaultTest() {
    super(Dedicated.ELASTICMQ);
  }
}
