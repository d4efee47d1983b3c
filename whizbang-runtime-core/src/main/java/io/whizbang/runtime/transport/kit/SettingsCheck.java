package io.whizbang.runtime.transport.kit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Validates a configuration's settings all at once: each check adds a problem instead of throwing, so a user who
 * got three settings wrong reads all three in one error rather than fixing them one run at a time. Every
 * configuration of the runtime and of the broker modules checks its settings through this, so their messages read
 * alike: {@code <setting> must be <rule>, was <value>}.
 *
 * <pre>{@code
 * SettingsCheck check = new SettingsCheck();
 * check.range("prefetch", prefetch, 1, 65535);
 * check.positive("confirmTimeout", confirmTimeout);
 * check.require(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff must not be shorter than initialBackoff");
 * check.throwIfAny(RabbitMqConfigException::new);
 * }</pre>
 */
public final class SettingsCheck {
  private final List<String> problems = new ArrayList<>();

  /** {@code value} within {@code min..max}, both included. */
  public SettingsCheck range(String name, long value, long min, long max) {
    return require(value >= min && value <= max, name + " must be between " + min + " and " + max + ", was " + value);
  }

  /** {@code value} at least {@code min}. */
  public SettingsCheck atLeast(String name, long value, long min) {
    return require(value >= min, name + " must be at least " + min + ", was " + value);
  }

  /** A duration longer than zero. */
  public SettingsCheck positive(String name, Duration value) {
    return require(value != null && !value.isNegative() && !value.isZero(),
        name + " must be positive, was " + value);
  }

  /** A duration of zero or more. */
  public SettingsCheck notNegative(String name, Duration value) {
    return require(value != null && !value.isNegative(), name + " must not be negative, was " + value);
  }

  /** A setting that must be given. */
  public SettingsCheck present(String name, Object value) {
    return require(value != null, name + " must be set");
  }

  /** Any other rule; {@code problem} says what is wrong and how to fix it. */
  public SettingsCheck require(boolean ok, String problem) {
    if (!ok) {
      problems.add(Objects.requireNonNull(problem, "problem"));
    }
    return this;
  }

  /** The problems found so far, in the order checked. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * Throws {@code exception} of one message naming every problem: the problem itself when there is one, else
   * {@code N settings are invalid: a; b; c}. Does nothing when all checks passed.
   */
  public void throwIfAny(Function<String, ? extends RuntimeException> exception) {
    if (problems.isEmpty()) {
      return;
    }
    throw exception.apply(problems.size() == 1 ? problems.get(0)
        : problems.size() + " settings are invalid: " + String.join("; ", problems));
  }
}
