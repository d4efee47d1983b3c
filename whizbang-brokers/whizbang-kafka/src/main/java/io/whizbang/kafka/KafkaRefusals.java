package io.whizbang.kafka;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedForMessageFormatException;

/**
 * Which producer errors refuse a message for good (the outbox relay parks it): too large, an invalid topic name, not
 * authorised (topic, cluster or transactional id), a record the broker's validation refuses. Every other error (no
 * broker reachable, metadata or request timeouts, not enough replicas, a leader moving) is unavailability: the
 * relay keeps the message and retries.
 */
final class KafkaRefusals {
  private KafkaRefusals() {}

  static boolean isPermanent(Throwable error) {
    return error instanceof RecordTooLargeException
        || error instanceof RecordBatchTooLargeException
        || error instanceof InvalidTopicException
        || error instanceof AuthorizationException
        || error instanceof InvalidRecordException
        || error instanceof SerializationException
        || error instanceof UnsupportedForMessageFormatException;
  }
}
