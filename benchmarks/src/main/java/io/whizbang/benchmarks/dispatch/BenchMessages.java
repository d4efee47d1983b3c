package io.whizbang.benchmarks.dispatch;

import io.whizbang.annotations.Event;

/** Twenty small event types, so that the dispatch switch has realistic width. */
public final class BenchMessages {
  private BenchMessages() {}

  public record M01(long id, String name) implements Event {}

  public record M02(long id, String name) implements Event {}

  public record M03(long id, String name) implements Event {}

  public record M04(long id, String name) implements Event {}

  public record M05(long id, String name) implements Event {}

  public record M06(long id, String name) implements Event {}

  public record M07(long id, String name) implements Event {}

  public record M08(long id, String name) implements Event {}

  public record M09(long id, String name) implements Event {}

  public record M10(long id, String name) implements Event {}

  public record M11(long id, String name) implements Event {}

  public record M12(long id, String name) implements Event {}

  public record M13(long id, String name) implements Event {}

  public record M14(long id, String name) implements Event {}

  public record M15(long id, String name) implements Event {}

  public record M16(long id, String name) implements Event {}

  public record M17(long id, String name) implements Event {}

  public record M18(long id, String name) implements Event {}

  public record M19(long id, String name) implements Event {}

  public record M20(long id, String name) implements Event {}
}
