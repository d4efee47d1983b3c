package io.whizbang.runtime.consumer;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.internal.Backoff;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost stage: turns failures into a disposition. A failing handler is released for redelivery after an
 * exponential backoff on the delivery count. A message that can never succeed (undecodable envelope or payload,
 * unknown wire name) is acknowledged with an ERROR log stating that it is dropped: parking it in a dead-letter
 * table is the inbox's job, which replaces this stage's handling of poison.
 */
final class FailureStage implements ConsumerStage {

  private static final Logger LOG = LoggerFactory.getLogger(FailureStage.class);

  private final Backoff backoff;

  FailureStage(Backoff backoff) {
    this.backoff = backoff;
  }

  @Override
  public Disposition process(Incoming message, Chain next) {
    try {
      return next.proceed(message);
    } catch (CodecException | UnknownMessageTypeException poison) {
      LOG.error("DROPPED {}: it can never be handled ({}). It is acknowledged without being handled because no "
          + "dead-letter stage is configured; it is lost unless the broker keeps a copy.", message, poison.getMessage(),
          poison);
      return Disposition.ack();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Disposition.release(Duration.ZERO);
    } catch (Exception failure) {
      // Brokers that do not count deliveries report 1: they get the initial delay each time.
      Duration delay = backoff.delayAfter(message.delivery().deliveryCount());
      LOG.warn("Handling {} failed on delivery {}; released for redelivery in {} ms", message,
          message.delivery().deliveryCount(), delay.toMillis(), failure);
      return Disposition.release(delay);
    }
  }
}
