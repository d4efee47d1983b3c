package io.whizbang.runtime.config;

import io.whizbang.runtime.WhizbangConfigurationException;
import java.util.List;
import java.util.stream.Collectors;

/** Settings that cannot be used, every bad key at once: its value and what it accepts. */
public final class WhizbangSettingsException extends WhizbangConfigurationException {

  private final List<Problem> problems;

  public WhizbangSettingsException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** The bad keys, in the order they were read. */
  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    return problems.size() + (problems.size() == 1 ? " bad Whizbang setting" : " bad Whizbang settings") + ":"
        + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
  }

  /**
   * One bad setting: the key, the value given ({@code null} when the key is missing) and what it accepts.
   *
   * @param key the full key, such as {@code whizbang.outbox.publish-interval}
   * @param value the value as given, or {@code null}
   * @param accepted what the key accepts, or how to fix it
   */
  public record Problem(String key, String value, String accepted) {

    @Override
    public String toString() {
      return key + (value == null ? "" : "=" + value) + ": " + accepted;
    }
  }
}
