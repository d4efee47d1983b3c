package io.whizbang.runtime.transport.kit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A delivery that records what its transport was told. */
final class TestDelivery extends SettlingDelivery {
  final String key;
  final int number;
  final List<String> told;

  TestDelivery(String key, int number, List<String> told, TransportCounters counters) {
    super(counters, new byte[0], key);
    this.key = key;
    this.number = number;
    this.told = told;
  }

  TestDelivery(String key, int number) {
    this(key, number, new CopyOnWriteArrayList<>(), new TransportCounters());
  }

  @Override
  public int deliveryCount() {
    return 1;
  }

  @Override
  protected void acknowledge() {
    told.add("ack " + key + number);
  }

  @Override
  protected void giveBack(Duration delay) {
    told.add("release " + key + number + " after " + delay.toMillis() + " ms");
  }

  @Override
  public String toString() {
    return key + number;
  }
}
