package io.whizbang.runtime.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered message ids (UUID version 7, RFC 9562): 48 bits of Unix milliseconds, then a 12-bit sequence, then
 * 62 random bits. Ids from one JVM are strictly increasing, which keeps inbox and outbox indexes append-mostly.
 *
 * <pre>{@code
 * UUID id = MessageIds.next();
 * }</pre>
 */
public final class MessageIds {

  private static final Stamps STAMPS = new Stamps();

  private MessageIds() {}

  /** A new version 7 id, greater than every id this JVM made before. */
  public static UUID next() {
    long stamp = STAMPS.next(System.currentTimeMillis());
    long millis = stamp >>> 12;
    long sequence = stamp & 0xFFF;
    long msb = (millis << 16) | 0x7000L | sequence;
    long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }

  /** The creation time encoded in a version 7 id. */
  public static Instant timestampOf(UUID id) {
    if (id.version() != 7) {
      throw new IllegalArgumentException("Not a version 7 (time-ordered) UUID: " + id);
    }
    return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
  }

  /**
   * Within one millisecond the sequence counts up; when 4,096 ids were made in one millisecond, or the clock went
   * back, the stamp borrows from the next millisecond rather than repeat or go backwards.
   */
  static final class Stamps {
    /** Milliseconds in the high bits, the 12-bit sequence in the low ones; only ever grows. */
    private final AtomicLong last = new AtomicLong();

    long next(long nowMillis) {
      long now = nowMillis << 12;
      while (true) {
        long previous = last.get();
        long next = Math.max(now, previous + 1);
        if (last.compareAndSet(previous, next)) {
          return next;
        }
      }
    }
  }
}
