package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.envelope.MalformedEnvelopeException;
import io.whizbang.runtime.transport.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The base of every transport's {@link Delivery}: it keeps "settled exactly once" in one place, so that a broker
 * module writes only what acknowledging and giving back mean for its broker ({@link #acknowledge()},
 * {@link #giveBack(Duration)}).
 *
 * <p>One meaning for every call, in every transport:
 * <ul>
 *   <li>{@link #ack()} and {@link #release(Duration)} settle the delivery; a second settlement is a bug in the
 *       caller and throws {@link IllegalStateException}.
 *   <li>{@code release(null)} throws {@link NullPointerException} and a negative delay
 *       {@link IllegalArgumentException}, before anything is settled: "at once" is {@link Duration#ZERO}.
 *   <li>Once the transport {@link #abandon() abandoned} the delivery (its subscription closed under a handler that
 *       did not return in time, and the message already went back to the broker), a late ack or release from the
 *       handler is ignored: the broker redelivers the message anyway.
 * </ul>
 * The transport itself uses {@link #releaseIfOpen(Duration)} for what a handler left unsettled and {@link #claim()}
 * where it gives the message back to the broker on its own (a closing subscription).
 */
public abstract class SettlingDelivery implements Delivery {

  private static final int OPEN = 0;
  private static final int SETTLED = 1;
  private static final int ABANDONED = 2;

  private final AtomicInteger state = new AtomicInteger(OPEN);
  private final TransportCounters counters;
  private final ReceivedBody body;
  private final String partitionKey;
  private final int deliveryCount;
  private final Instant publishedAt;

  /**
   * @param counters the transport's counters: this delivery counts as delivered, then as acked or released
   * @param body the envelope bytes as published
   * @param partitionKey the partition key the message was published with, or {@code null}
   */
  protected SettlingDelivery(TransportCounters counters, byte[] body, String partitionKey) {
    this(counters, ReceivedBody.envelopeBytes(body), partitionKey, 1, null);
  }

  /**
   * @param body what the message carries, in either wire format ({@link ReceivedBody#read})
   * @param deliveryCount what {@link #deliveryCount()} says: 1 on first delivery, more when the broker knows of
   *     redeliveries
   * @param publishedAt what {@link #publishedAt()} says: when the broker took the message, or {@code null}
   */
  protected SettlingDelivery(TransportCounters counters, ReceivedBody body, String partitionKey, int deliveryCount,
      Instant publishedAt) {
    this.counters = Objects.requireNonNull(counters, "counters");
    this.body = Objects.requireNonNull(body, "body");
    this.partitionKey = partitionKey;
    this.deliveryCount = deliveryCount;
    this.publishedAt = publishedAt;
    counters.delivered();
  }

  @Override
  public final byte[] body() {
    return body.bytes();
  }

  @Override
  public final Envelope envelope() {
    return body.envelope();
  }

  /** The transport's counters, to build a fresh delivery of the same message. */
  protected final TransportCounters counters() {
    return counters;
  }

  /** What the message carries, to build a fresh delivery of the same message. */
  protected final ReceivedBody receivedBody() {
    return body;
  }

  @Override
  public final String partitionKey() {
    return partitionKey;
  }

  /** As given when the delivery was made (1 unless given). */
  @Override
  public int deliveryCount() {
    return deliveryCount;
  }

  /** As given when the delivery was made ({@code null} unless given). */
  @Override
  public Instant publishedAt() {
    return publishedAt;
  }

  /** Tells the broker the message was handled. Called once, on the thread that acknowledged. */
  protected abstract void acknowledge();

  /** Gives the message back for redelivery after about {@code delay} (never null nor negative). Called once. */
  protected abstract void giveBack(Duration delay);

  @Override
  public final void ack() {
    if (settle("ack")) {
      counters.acknowledged();
      acknowledge();
    }
  }

  @Override
  public final void release(Duration delay) {
    Objects.requireNonNull(delay, "release delay: pass Duration.ZERO to release at once");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("release delay must not be negative, was " + delay);
    }
    if (settle("release")) {
      counters.released();
      giveBack(delay);
    }
  }

  /**
   * Releases the delivery if nobody settled it yet (the transport, after the handler returned or threw).
   *
   * @return whether this call released it
   */
  public final boolean releaseIfOpen(Duration delay) {
    if (state.compareAndSet(OPEN, SETTLED)) {
      counters.released();
      giveBack(delay);
      return true;
    }
    return false;
  }

  /**
   * Marks the delivery settled without telling the broker: the caller gives the message back itself (a closing
   * subscription returning what it holds). A later ack or release by the handler then throws, as any second one.
   *
   * @return whether the delivery was still open
   */
  public final boolean claim() {
    return state.compareAndSet(OPEN, SETTLED);
  }

  /**
   * The crash path: the message already went back to the broker (or will, when the channel closes), so a late ack
   * or release from the handler that still holds it is ignored instead of thrown on.
   *
   * @return whether the delivery was still open
   */
  public final boolean abandon() {
    return state.compareAndSet(OPEN, ABANDONED);
  }

  /** Whether it was acknowledged, released, claimed or abandoned. */
  public final boolean isSettled() {
    return state.get() != OPEN;
  }

  private boolean settle(String how) {
    if (state.compareAndSet(OPEN, SETTLED)) {
      return true;
    }
    if (state.get() == ABANDONED) {
      return false;
    }
    throw new IllegalStateException(this + " was already settled; " + how + " was called again; settle each"
        + " delivery exactly once (ack or release)");
  }

  /**
   * What a received message carries, in either wire format: the envelope bytes as published, or a CloudEvent in
   * binary mode, read once here into its envelope. A delivery built on it (this class) hands the
   * envelope to the consumer, and as its body the envelope's bytes, so that a dead letter of a CloudEvent is stored
   * and replayed like any other; a malformed CloudEvent keeps its data as the body and its error for the consumer.
   *
   * <pre>{@code
   * ReceivedBody body = ReceivedBody.read(CloudEventsBinding.KAFKA, headers, null, record.value(), timestamp);
   * }</pre>
   */
  public static final class ReceivedBody {

    private final byte[] bytes;
    private final Envelope envelope;
    private final MalformedEnvelopeException malformed;

    private ReceivedBody(byte[] bytes, Envelope envelope, MalformedEnvelopeException malformed) {
      this.bytes = bytes;
      this.envelope = envelope;
      this.malformed = malformed;
    }

    /** Envelope bytes, decoded when the consumer asks. */
    public static ReceivedBody envelopeBytes(byte[] bytes) {
      return new ReceivedBody(Objects.requireNonNull(bytes, "bytes"), null, null);
    }

    /**
     * The body of a message with {@code headers}: a CloudEvent when they say so ({@link CloudEventsBinding#isCloudEvent}),
     * else envelope bytes. Never throws on bad input: the consumer meets the error where it decodes.
     */
    public static ReceivedBody read(CloudEventsBinding binding, Map<String, String> headers, String contentType,
        byte[] body, Instant receivedAt) {
      if (!binding.isCloudEvent(headers)) {
        return envelopeBytes(body);
      }
      try {
        Envelope e = binding.envelope(headers, contentType, body, receivedAt);
        return new ReceivedBody(EnvelopeCodec.encode(e), e, null);
      } catch (MalformedEnvelopeException bad) {
        return new ReceivedBody(body, null, bad);
      }
    }

    /** The envelope bytes (a malformed CloudEvent: its data as received). */
    public byte[] bytes() {
      return bytes;
    }

    /**
     * The envelope.
     *
     * @throws MalformedEnvelopeException when the bytes are not an envelope, or the CloudEvent is malformed
     */
    public Envelope envelope() {
      if (malformed != null) {
        throw malformed;
      }
      return envelope != null ? envelope : EnvelopeCodec.decode(bytes);
    }
  }
}
