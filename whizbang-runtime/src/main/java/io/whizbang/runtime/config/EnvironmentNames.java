package io.whizbang.runtime.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps environment variables to keys: upper case, {@code .} and {@code -} as {@code _}
 * ({@code WHIZBANG_OUTBOX_PUBLISH_INTERVAL} is {@code whizbang.outbox.publish-interval}); a domain's feed is
 * {@code WHIZBANG_DOMAINS_<NAME>_URL}, a {@code _} in the name standing for {@code -}. The environment is shared
 * with other programs, so an unknown variable is reported only under a section the settings own
 * ({@code WHIZBANG_OUTBOX_...}, {@code WHIZBANG_KAFKA_...}); other {@code WHIZBANG_*} variables are left alone.
 */
final class EnvironmentNames {

  private static final String PREFIX = "WHIZBANG_";

  private EnvironmentNames() {}

  /** The variable that sets {@code key}. */
  static String variable(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The {@code whizbang.*} values the variables of {@code env} set. */
  static Map<String, String> keys(Map<String, String> env, List<WhizbangSettings.Key> known) {
    Map<String, String> byVariable = new HashMap<>();
    Set<String> sections = new HashSet<>();
    for (WhizbangSettings.Key k : known) {
      String[] parts = k.name().split("\\.");
      if (parts.length > 2) {
        sections.add(parts[1].toUpperCase(Locale.ROOT));
      }
      if (!k.isPattern()) {
        byVariable.put(variable(k.name()), k.name());
      }
    }
    Map<String, String> values = new HashMap<>();
    env.forEach((variable, value) -> {
      if (!variable.startsWith(PREFIX)) {
        return;
      }
      String key = byVariable.get(variable);
      if (key != null) {
        values.put(key, value);
        return;
      }
      String[] parts = variable.substring(PREFIX.length()).split("_", 2);
      if (parts.length == 2 && sections.contains(parts[0])) {
        values.put(guess(parts[0], parts[1]), value); // reported as unknown, under the key it would be
      }
    });
    return values;
  }

  private static String guess(String section, String rest) {
    String s = section.toLowerCase(Locale.ROOT);
    String r = rest.toLowerCase(Locale.ROOT);
    if (s.equals("domains") && r.endsWith("_url")) {
      return CoreKeys.DOMAINS + r.substring(0, r.length() - 4).replace('_', '-') + ".url";
    }
    return "whizbang." + s + "." + r.replace('_', '-');
  }
}
