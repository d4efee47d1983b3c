package io.whizbang.runtime.outbox;

import java.util.UUID;

/** Maps a partition key to an outbox partition; stable across processes and releases. */
final class OutboxPartitioner {
  private OutboxPartitioner() {}

  static int partitionOf(String partitionKey, UUID messageId, int partitions) {
    // String.hashCode is specified by the JLS, hence identical in every JVM; the mix spreads similar keys
    // ("order-1", "order-2") over the partitions. A message without key needs no order: spread by its id.
    int h = partitionKey != null ? partitionKey.hashCode() : messageId.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Math.floorMod(h, partitions);
  }
}
