package io.whizbang.runtime.config;

import io.whizbang.runtime.WhizbangConfigurationException;
import java.util.List;
import java.util.stream.Collectors;

/** Settings that cannot be used, every bad key at once: its value and what it accepts. */
public final class WhizbangSettingsException extends WhizbangConfigurationException {

  private final List<SettingsProblem> problems;

  public WhizbangSettingsException(List<SettingsProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** The bad keys, in the order they were read. */
  public List<SettingsProblem> problems() {
    return problems;
  }

  private static String message(List<SettingsProblem> problems) {
    return problems.size() + (problems.size() == 1 ? " bad Whizbang setting" : " bad Whizbang settings") + ":"
        + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
  }
}
