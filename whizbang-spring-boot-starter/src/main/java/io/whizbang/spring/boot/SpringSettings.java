package io.whizbang.spring.boot;

import io.whizbang.runtime.config.WhizbangSettings;
import io.whizbang.runtime.config.WhizbangSettingsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Reads the {@code whizbang.*} keys from Spring's {@code Environment} (application.properties or .yml, profiles,
 * command-line arguments, environment variables) into the same {@link WhizbangSettings} the plain runtime reads.
 */
final class SpringSettings {

  private static final String PREFIX = "whizbang.";
  private static final String DATASOURCE = "whizbang.datasource.";

  private SpringSettings() {}

  /**
   * The settings, or every bad key at once; {@code whizbang.datasource.*} is refused, since the application's
   * {@code DataSource} ({@code spring.datasource.*}) is the one used.
   */
  static WhizbangSettings read(ConfigurableEnvironment environment) {
    Map<String, String> values = values(environment);
    List<WhizbangSettingsException.Problem> problems = new ArrayList<>();
    values.keySet().removeIf(key -> {
      if (key.startsWith(DATASOURCE)) {
        problems.add(new WhizbangSettingsException.Problem(key, environment.getProperty(key),
            "not used with Spring Boot: the application's DataSource is; set spring.datasource." + key.substring(
                DATASOURCE.length()).replace("user", "username")));
        return true;
      }
      return false;
    });
    try {
      WhizbangSettings settings = WhizbangSettings.from(values);
      if (!problems.isEmpty()) {
        throw new WhizbangSettingsException(problems);
      }
      return settings;
    } catch (WhizbangSettingsException e) {
      problems.addAll(e.problems());
      throw new WhizbangSettingsException(problems);
    }
  }

  /** Each key given in any source, with the value Spring resolves for it (the source of highest precedence). */
  private static Map<String, String> values(ConfigurableEnvironment environment) {
    Map<String, String> values = new TreeMap<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
        continue;
      }
      if (source instanceof SystemEnvironmentPropertySource) {
        Map<String, String> variables = new HashMap<>();
        for (String name : enumerable.getPropertyNames()) {
          Object v = enumerable.getProperty(name);
          variables.put(name, v == null ? null : v.toString());
        }
        WhizbangSettings.keysOf(variables).keySet().forEach(key -> values.put(key, environment.getProperty(key)));
        continue;
      }
      for (String name : enumerable.getPropertyNames()) {
        if (name.startsWith(PREFIX)) {
          values.put(name, environment.getProperty(name));
        }
      }
    }
    for (WhizbangSettings.Key key : WhizbangSettings.keys()) {
      String v = key.isPattern() ? null : environment.getProperty(key.name());
      if (v != null) {
        values.put(key.name(), v);
      }
    }
    return values;
  }
}
