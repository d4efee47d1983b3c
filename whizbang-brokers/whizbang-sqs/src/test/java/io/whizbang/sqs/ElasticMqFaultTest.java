package io.whizbang.sqs;

/**
 * The fault suite on an ElasticMQ of its own (scripts/services/start-sqs.sh, in memory), events sent straight to the
 * subscriber's FIFO queue. Its outage cuts the network between the service and the server rather than stopping the
 * server: see {@link SqsFaultSuite.Dedicated#ELASTICMQ} for why.
 */
class ElasticMqFaultTest extends SqsFaultSuite {
  ElasticMqFaultTest() {
    super(Dedicated.ELASTICMQ);
  }
}
