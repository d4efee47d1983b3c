package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;

/**
 * One message queued for one consumer group. Each group holds its own entry for a message, so delivery counts and
 * delays are per subscriber id. Mutable fields are guarded by the owning group's lock.
 */
final class Entry {
  final int partition;
  final long offset;
  final Destination destination;
  final String wireName;
  final String key;
  final byte[] body;
  int deliveryCount;
  /** {@link System#nanoTime()} before which the entry must not be delivered (after a delayed release). */
  long notBefore;

  Entry(int partition, long offset, OutgoingMessage message, long now) {
    this.partition = partition;
    this.offset = offset;
    this.destination = message.destination();
    this.wireName = message.wireName();
    this.key = message.partitionKey();
    this.body = message.body();
    this.notBefore = now;
  }
}
