package io.whizbang.runtime.projection;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.MalformedEnvelopeException;
import io.whizbang.runtime.internal.DeadLetterLog;
import io.whizbang.runtime.projection.ProjectionEngine.UndecodableEventPolicy;
import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.transport.Delivery;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries out a projection's {@link UndecodableEventPolicy} for an event it cannot decode, from the feed or live:
 * stop with an error naming the event, or park it in the dead letters and go on. Never a retry (decoding fails the
 * same way every time) and never a silent skip.
 */
final class UndecodableEvents {

  private final String name;
  private final Applier applier;
  private final UndecodableEventPolicy policy;
  private final AtomicLong parked = new AtomicLong();

  UndecodableEvents(String name, Applier applier, UndecodableEventPolicy policy) {
    this.name = name;
    this.applier = applier;
    this.policy = policy;
  }

  /**
   * True when {@code failure}, or one of its causes, says the event cannot be decoded: its payload does not fit its
   * type ({@link CodecException}) or its bytes are no envelope ({@link MalformedEnvelopeException}).
   */
  static boolean isUndecodable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CodecException || t instanceof MalformedEnvelopeException) {
        return true;
      }
    }
    return false;
  }

  /** Events parked by this run. */
  long parked() {
    return parked.get();
  }

  /**
   * An event whose payload cannot be decoded.
   *
   * @param cursor its place in the owner's feed, or {@code null} when unknown
   * @param checkpoint saved with the parked event (backfill), or {@code null} (live)
   * @throws ProjectionFailedException under {@link UndecodableEventPolicy#STOP}
   */
  void handle(Envelope e, EventCursor cursor, EventCursor checkpoint, Throwable failure) {
    String reason = RunningProjection.reason(failure);
    String what = e + (cursor == null ? "" : " at cursor " + cursor.token());
    if (policy == UndecodableEventPolicy.STOP) {
      throw new ProjectionFailedException("Projection '" + name + "' cannot decode " + what + ": " + reason
          + ". It stops here (UndecodableEventPolicy.STOP): once the event type decodes it, a new start resumes at"
          + " this event; or park such events with onUndecodableEvent(UndecodableEventPolicy.PARK)", failure);
    }
    if (applier.park(e, cursor, checkpoint, reason)) {
      parked.incrementAndGet();
      DeadLetterLog.parked(DeadLetter.Source.PROJECTION, e.messageId(), e.wireName(), name, 0,
          "it cannot decode it" + (cursor == null ? "" : " (at cursor " + cursor.token() + ")") + ": " + reason);
    }
  }

  /**
   * Live bytes that are not an envelope (no id, type or cursor can be read from them).
   *
   * @throws ProjectionFailedException under {@link UndecodableEventPolicy#STOP}
   */
  void handleBytes(Delivery d, MalformedEnvelopeException bad) {
    if (policy == UndecodableEventPolicy.STOP) {
      throw new ProjectionFailedException("Projection '" + name + "' received a message it cannot decode (partition"
          + " key " + d.partitionKey() + ", " + d.body().length + " bytes): " + bad.getMessage() + ". It stops here"
          + " (UndecodableEventPolicy.STOP); the message goes back to the broker", bad);
    }
    UUID id = applier.parkBytes(d.body(), d.partitionKey(), bad.getMessage());
    if (id != null) {
      parked.incrementAndGet();
      DeadLetterLog.parked(DeadLetter.Source.PROJECTION, id, null, name, 0,
          "not an envelope (parked under an id derived from its bytes): " + bad.getMessage());
    }
  }
}
