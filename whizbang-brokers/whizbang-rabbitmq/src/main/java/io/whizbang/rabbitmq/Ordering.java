package io.whizbang.rabbitmq;

/**
 * How the queues of a subscriber (and a domain's command queue) are consumed when several instances of one service
 * subscribe at once. Within one instance the transport always keeps messages of one partition key on one lane, in
 * queue order.
 */
public enum Ordering {
  /**
   * Every instance consumes the queue in competition ({@code x-single-active-consumer} off). Throughput scales with
   * instances, but two instances may handle messages of one key at the same time, so per-key order holds only while
   * a single instance runs.
   */
  COMPETING,
  /**
   * The queue is declared with {@code x-single-active-consumer}: the broker delivers to one instance at a time and
   * fails over to the next one when it goes away. Per-key order holds across instances; the other instances are hot
   * standbys, and parallelism comes from the lanes inside the active instance.
   */
  SINGLE_ACTIVE_CONSUMER
}
