package io.whizbang.runtime.consumer;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.outgoing.MessagePublisher;
import io.whizbang.runtime.transport.Delivery;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A received message on its way through the {@link ConsumerStage}s: the transport's delivery, the subscriber it
 * was delivered to, its envelope once decoded, and typed attributes stages hand to later stages (for example the
 * inbox's transaction, or a {@link #PUBLISHER} bound to it). Confined to one consumer thread.
 *
 * <pre>{@code
 * static final Incoming.Attribute<Tx> TX = new Incoming.Attribute<>("tx");
 * message.put(TX, tx);   // in the inbox stage
 * }</pre>
 */
public final class Incoming {

  /**
   * When set, the dispatch stage hands the messages the handlers sent or published to this publisher instead of
   * the service's default one; an inbox stage sets it to write them in its transaction.
   */
  public static final Attribute<MessagePublisher> PUBLISHER = new Attribute<>("publisher");

  private final Delivery delivery;
  private final String subscriberId;
  private Envelope envelope;
  private Map<Attribute<?>, Object> attributes;

  public Incoming(Delivery delivery, String subscriberId) {
    this.delivery = Objects.requireNonNull(delivery, "delivery");
    this.subscriberId = Objects.requireNonNull(subscriberId, "subscriberId");
  }

  public Delivery delivery() {
    return delivery;
  }

  /** The service or projection name this message was delivered to (the inbox's consumer id). */
  public String subscriberId() {
    return subscriberId;
  }

  /**
   * The decoded envelope.
   *
   * @throws IllegalStateException before the decode stage ran
   */
  public Envelope envelope() {
    if (envelope == null) {
      throw new IllegalStateException("The envelope is not decoded yet; place this stage after decoding");
    }
    return envelope;
  }

  /** The decoded envelope, or empty before the decode stage ran (or when it failed). */
  public Optional<Envelope> decodedEnvelope() {
    return Optional.ofNullable(envelope);
  }

  /** Records the decoded envelope; called by the decode stage. */
  public void decoded(Envelope decoded) {
    this.envelope = Objects.requireNonNull(decoded, "decoded");
  }

  public <T> void put(Attribute<T> attribute, T value) {
    if (attributes == null) {
      attributes = new HashMap<>(4);
    }
    attributes.put(attribute, value);
  }

  public <T> Optional<T> get(Attribute<T> attribute) {
    return attributes == null ? Optional.empty() : Optional.ofNullable(attribute.type(attributes.get(attribute)));
  }

  /** A typed key for {@link #put}/{@link #get}; compared by identity. */
  public static final class Attribute<T> {
    private final String name;

    public Attribute(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    @SuppressWarnings("unchecked")
    private T type(Object value) {
      return (T) value;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @Override
  public String toString() {
    return envelope != null ? envelope + " for '" + subscriberId + "'"
        : "undecoded delivery (key " + delivery.partitionKey() + ") for '" + subscriberId + "'";
  }
}
