package io.whizbang.benchmarks.dispatch;

import io.whizbang.annotations.Handles;

/** One handler per message type; each folds the message id into a sum so the call cannot be optimised away. */
public final class BenchHandlers {
  long sum;

  @Handles
  public void on(BenchMessages.M01 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M02 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M03 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M04 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M05 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M06 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M07 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M08 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M09 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M10 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M11 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M12 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M13 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M14 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M15 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M16 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M17 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M18 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M19 message) {
    sum += message.id();
  }

  @Handles
  public void on(BenchMessages.M20 message) {
    sum += message.id();
  }
}
