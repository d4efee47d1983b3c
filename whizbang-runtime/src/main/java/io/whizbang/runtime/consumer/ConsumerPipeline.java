package io.whizbang.runtime.consumer;

import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.internal.Backoff;
import io.whizbang.runtime.internal.tracing.ConsumerTracing;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.outgoing.MessagePublisher;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DeliveryHandler} of one subscriber: runs each delivery through the chain of {@link ConsumerStage}s
 * (failure handling → decode → expiry → extra stages → dispatch) and settles it as the chain decides.
 *
 * <pre>{@code
 * DeliveryHandler handler = ConsumerPipeline.builder("shipping")
 *     .dispatchers(handlers.dispatchers()).envelopeFactory(factory).publisher(publisher).build();
 * }</pre>
 *
 * <p>Per-key order within a batch: once a message of a key is released, the later messages of that key in the
 * same batch are released too, unprocessed, so that a retry never overtakes or is overtaken by its successors.
 */
public final class ConsumerPipeline implements DeliveryHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerPipeline.class);

  private final String subscriberId;
  private final List<ConsumerStage> stages;

  private ConsumerPipeline(String subscriberId, List<ConsumerStage> stages) {
    this.subscriberId = subscriberId;
    this.stages = List.copyOf(stages);
  }

  public static Builder builder(String subscriberId) {
    return new Builder(subscriberId);
  }

  @Override
  public void handle(List<Delivery> batch) {
    Map<String, Duration> releasedKeys = null;
    for (Delivery delivery : batch) {
      String key = delivery.partitionKey();
      if (key != null && releasedKeys != null && releasedKeys.containsKey(key)) {
        delivery.release(releasedKeys.get(key));
        continue;
      }
      Disposition disposition = process(new Incoming(delivery, subscriberId));
      if (disposition.isAck()) {
        delivery.ack();
      } else {
        delivery.release(disposition.releaseDelay());
        if (key != null) {
          if (releasedKeys == null) {
            releasedKeys = new HashMap<>();
          }
          releasedKeys.put(key, disposition.releaseDelay());
        }
      }
    }
  }

  /** Runs one message through the stages. */
  Disposition process(Incoming message) {
    try {
      return new Step(0).proceed(message);
    } catch (Exception e) {
      // Only reachable when a stage placed outside failure handling throws; keep the message, never drop it.
      LOG.error("Consumer stage failed outside failure handling for {}; releasing it", message, e);
      return Disposition.release(Duration.ofSeconds(1));
    }
  }

  /** The chain from stage {@code index} on. */
  private final class Step implements ConsumerStage.Chain {
    private final int index;

    Step(int index) {
      this.index = index;
    }

    @Override
    public Disposition proceed(Incoming message) throws Exception {
      if (index >= stages.size()) {
        throw new IllegalStateException("The last consumer stage called next: the dispatch stage must end the chain");
      }
      return stages.get(index).process(message, new Step(index + 1));
    }
  }

  /** Assembles the standard chain around the extra stages. */
  public static final class Builder {
    private final String subscriberId;
    private List<MessageDispatcher> dispatchers = List.of();
    private EnvelopeFactory envelopeFactory;
    private MessagePublisher publisher;
    private Duration publishTimeout = Duration.ofSeconds(30);
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private final List<ConsumerStage> extraStages = new ArrayList<>();
    private ConsumerTracing tracing;

    private Builder(String subscriberId) {
      this.subscriberId = Objects.requireNonNull(subscriberId, "subscriberId");
    }

    /** The dispatchers of this subscriber; each message goes to every one that handles its wire name. */
    public Builder dispatchers(List<? extends MessageDispatcher> dispatchers) {
      this.dispatchers = List.copyOf(dispatchers);
      return this;
    }

    /** Creates the envelopes of what handlers send and publish. */
    public Builder envelopeFactory(EnvelopeFactory factory) {
      this.envelopeFactory = factory;
      return this;
    }

    /** Receives what handlers send and publish, after they all returned. */
    public Builder publisher(MessagePublisher publisher) {
      this.publisher = publisher;
      return this;
    }

    /** How long the consumer waits for handler output to be confirmed before it retries the message. */
    public Builder publishTimeout(Duration timeout) {
      this.publishTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Backoff of a failing message: {@code initial} doubled per delivery, at most {@code max}. */
    public Builder retryBackoff(Duration initial, Duration max) {
      if (initial.isNegative() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("retry backoff needs 0 <= initial <= max, was " + initial + ", " + max);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** Adds a stage between decoding and dispatch; stages run in the order added, the first outermost. */
    public Builder stage(ConsumerStage stage) {
      extraStages.add(Objects.requireNonNull(stage, "stage"));
      return this;
    }

    /** Reports a span per handled message (none by default: no stage is added). */
    public Builder tracing(ConsumerTracing value) {
      this.tracing = Objects.requireNonNull(value, "tracing");
      return this;
    }

    public ConsumerPipeline build() {
      Objects.requireNonNull(envelopeFactory, "envelopeFactory");
      Objects.requireNonNull(publisher, "publisher");
      List<ConsumerStage> chain = new ArrayList<>();
      chain.add(new FailureStage(Backoff.doubling(initialBackoff, maxBackoff)));
      chain.add(new DecodeStage());
      chain.add(new ExpiryStage(subscriberId, Clock.systemUTC()));
      if (tracing != null) {
        chain.add(new TracingStage(tracing));
      }
      chain.addAll(extraStages);
      chain.add(new DispatchStage(subscriberId, dispatchers, envelopeFactory, publisher, publishTimeout));
      return new ConsumerPipeline(subscriberId, chain);
    }
  }
}
