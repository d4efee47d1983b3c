package io.whizbang.runtime.envelope;

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

  /** Milliseconds in the high bits, the 12-bit sequence in the low ones; only ever grows. */
  private static final AtomicLong LAST = new AtomicLong();

  private MessageIds() {}

  /** A new version 7 id, greater than every id this JVM made before. */
  public static UUID next() {
    long stamp = nextStamp(System.currentTimeMillis());
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
  static long nextStamp(long nowMillis) {
    long now = nowMillis << 12;
    while (true) {
      long last = LAST.get();
      long next = Math.max(now, last + 1);
      if (LAST.compareAndSet(last, next)) {
        return next;
      }
    }
  }
}
