package io.whizbang.runtime.consumer;

import io.whizbang.runtime.envelope.Envelope;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges, without dispatching it, a message that arrives after its expiry (its time to live), logging it
 * once. Right after decoding, so no handler ever sees an expired message.
 */
final class ExpiryStage implements ConsumerStage {
  private static final Logger LOG = LoggerFactory.getLogger(ExpiryStage.class);

  private final String subscriberId;
  private final Clock clock;

  ExpiryStage(String subscriberId, Clock clock) {
    this.subscriberId = subscriberId;
    this.clock = clock;
  }

  @Override
  public Disposition process(Incoming message, Chain next) throws Exception {
    Envelope envelope = message.envelope();
    Instant expiredAt = envelope.expiredAt(clock.instant());
    if (expiredAt == null) {
      return next.proceed(message);
    }
    LOG.info("Skipped {} for '{}': it expired at {}, before it arrived", envelope, subscriberId, expiredAt);
    return Disposition.ack();
  }
}
