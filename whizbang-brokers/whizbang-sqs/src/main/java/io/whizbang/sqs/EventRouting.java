package io.whizbang.sqs;

/** How a domain's events reach the queues of the services that subscribe to them. */
public enum EventRouting {
  /**
   * One SNS topic per owning domain; each subscribing service's queue is subscribed to it with a filter policy on
   * the wire name and raw message delivery. The production setup.
   */
  SNS_TOPICS,
  /**
   * No SNS: each subscribing service gets one queue per event source ({@code <prefix>-<domain>-events-<service>}),
   * and the publisher lists those queues and sends each event to every one of them. For accounts or servers without
   * SNS; costs one SQS send per subscriber and filters wire names on the consumer side.
   */
  SQS_QUEUES
}
