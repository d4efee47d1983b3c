package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.transport.Delivery;
import java.time.Duration;

/** A dead letter seen as a delivery while it is replayed; there is no broker to settle with. */
final class ReplayDelivery implements Delivery {
  private final DeadLetter letter;

  ReplayDelivery(DeadLetter letter) {
    this.letter = letter;
  }

  @Override
  public byte[] body() {
    return letter.body();
  }

  @Override
  public String partitionKey() {
    return letter.partitionKey();
  }

  @Override
  public int deliveryCount() {
    return letter.attempts() + 1;
  }

  @Override
  public void ack() {
    // Nothing to settle: the replay's outcome is its transaction.
  }

  @Override
  public void release(Duration delay) {
    // Nothing to settle: a failed replay keeps the dead letter.
  }
}
