package io.whizbang.runtime.config;

import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.kit.BrokerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The given {@code whizbang.*} values, read by type. A bad value is recorded as a {@link WhizbangSettingsException.Problem} (and the
 * fallback returned) instead of thrown, so that one error lists every bad key.
 */
public final class SettingsReader {

  private final Map<String, String> values;
  private final List<WhizbangSettingsException.Problem> problems = new ArrayList<>();

  SettingsReader(Map<String, String> values) {
    this.values = new TreeMap<>(values);
  }

  /** The value of {@code key}, trimmed; empty when absent or blank. */
  public Optional<String> text(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /** The value of {@code key}, or {@code fallback}. */
  public String text(String key, String fallback) {
    return text(key).orElse(fallback);
  }

  /** A whole number within {@code min..max}. */
  public int integer(String key, int fallback, int min, int max) {
    Optional<String> v = text(key);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the accepted range
    }
    problem(key, "a whole number from " + min + " to " + max);
    return fallback;
  }

  /** A positive duration: ISO-8601 ({@code PT5S}) or a number and a unit ({@code 500ms, 5s, 2m, 1h, 7d}). */
  public Duration duration(String key, Duration fallback) {
    Optional<String> v = text(key);
    if (v.isEmpty()) {
      return fallback;
    }
    Duration d = Durations.parse(v.get());
    if (d == null) {
      problem(key, Durations.ACCEPTED);
      return fallback;
    }
    return d;
  }

  /** {@code true} or {@code false}. */
  public boolean flag(String key, boolean fallback) {
    Optional<String> v = text(key).map(s -> s.toLowerCase(Locale.ROOT));
    if (v.isEmpty()) {
      return fallback;
    }
    if (v.get().equals("true") || v.get().equals("false")) {
      return Boolean.parseBoolean(v.get());
    }
    problem(key, "true or false");
    return fallback;
  }

  /** One of {@code choices}, in lower case. */
  public String choice(String key, String fallback, Set<String> choices) {
    String v = text(key, fallback).toLowerCase(Locale.ROOT);
    if (choices.contains(v)) {
      return v;
    }
    problem(key, "one of " + String.join(", ", new java.util.TreeSet<>(choices)));
    return fallback;
  }

  /**
   * Applies the keys every broker shares ({@code whizbang.wire-format}) to a broker's configuration builder; each
   * {@link TransportProvider} calls it once, so that a shared setting is read in one place.
   */
  public void applyCommon(BrokerConfig.Builder<?> builder) {
    String format = choice(CoreKeys.WIRE_FORMAT, "whizbang", Set.of("whizbang", "cloudevents"));
    builder.wireFormat(BrokerConfig.WireFormat.valueOf(format.toUpperCase(Locale.ROOT)));
  }

  /**
   * When {@code key} is given, passes its value to {@code setter}; what the setter refuses (a broker builder's
   * exception) becomes the key's problem, with the builder's message as the accepted form.
   */
  public void whenGiven(String key, Consumer<String> setter) {
    text(key).ifPresent(v -> attempt(key, () -> {
      setter.accept(v);
      return v;
    }));
  }

  /** {@link #whenGiven} for a whole number within {@code min..max}. */
  public void whenGivenNumber(String key, int min, int max, IntConsumer setter) {
    if (text(key).isPresent()) {
      int n = integer(key, Integer.MIN_VALUE, min, max);
      if (n != Integer.MIN_VALUE) {
        attempt(key, () -> {
          setter.accept(n);
          return n;
        });
      }
    }
  }

  /**
   * Runs {@code step} (a builder's {@code build()}); an exception it throws is reported against {@code key}.
   *
   * @return the step's result, empty when it threw
   */
  public <T> Optional<T> attempt(String key, Supplier<T> step) {
    try {
      return Optional.of(step.get());
    } catch (RuntimeException e) {
      problem(key, String.valueOf(e.getMessage()));
      return Optional.empty();
    }
  }

  /** Records {@code key} as missing when it is not given; {@code accepted}: what it needs. */
  public void required(String key, String accepted) {
    if (text(key).isEmpty()) {
      problem(key, accepted);
    }
  }

  /**
   * What a {@link TransportProvider} returns once it read its keys: unless a key had a problem, {@code build} (its
   * configuration builder's) runs now, and what it refuses is reported against {@code key}; the service later
   * calls {@code connect} with the configuration built.
   */
  public <C> TransportProvider.Settings settings(String key, Supplier<C> build,
      Function<? super C, ? extends Transport> connect) {
    Optional<C> config = hasProblems() ? Optional.empty() : attempt(key, build);
    return () -> connect.apply(config.orElseThrow());
  }

  /** Records that the value of {@code key} (or its absence) is bad; {@code accepted}: what it accepts. */
  public void problem(String key, String accepted) {
    problems.add(new WhizbangSettingsException.Problem(key, values.get(key), accepted));
  }

  /** Whether any problem was recorded. */
  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  List<WhizbangSettingsException.Problem> problems() {
    return problems;
  }

  /** The given keys, sorted. */
  Set<String> givenKeys() {
    return values.keySet();
  }
}
