package io.whizbang.runtime.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which given keys exist, and for those that do not, the closest that does. */
final class KnownKeys {

  private static final Pattern DOMAIN_URL = Pattern.compile("whizbang\\.domains\\.[a-z][a-z0-9-]*\\.url");
  /** Names users bring from other messaging libraries, and where the setting lives here. */
  private static final Map<String, String> MOVED = Map.of(
      "whizbang.kafka.consumer-group", "the consumer group is the service's name: set whizbang.service",
      "whizbang.outbox.poll-interval", "set whizbang.outbox.publish-interval");

  private final List<WhizbangSettings.Key> keys;
  private final List<String> providers;

  KnownKeys(List<WhizbangSettings.Key> keys, List<String> providers) {
    this.keys = keys;
    this.providers = providers;
  }

  /** Reports each given key that no one reads. */
  void reportUnknown(SettingsReader in) {
    for (String key : in.givenKeys()) {
      if (DOMAIN_URL.matcher(key).matches() || keys.stream().anyMatch(k -> k.name().equals(key))) {
        continue;
      }
      in.problem(key, hint(key));
    }
  }

  private String hint(String key) {
    if (MOVED.containsKey(key)) {
      return "unknown key; " + MOVED.get(key);
    }
    String[] parts = key.split("\\.");
    if (parts.length > 2 && CoreKeys.BROKERS.contains(parts[1]) && !providers.contains(parts[1])) {
      return "unknown key; whizbang." + parts[1] + ".* needs io.whizbang:whizbang-" + parts[1] + " on the class path";
    }
    if (key.startsWith(CoreKeys.DOMAINS)) {
      return "unknown key; a domain's feed is whizbang.domains.<name>.url, <name> in lower-case letters, digits"
          + " and '-'";
    }
    return closest(key).map(k -> "unknown key; did you mean " + k + "?")
        .orElse("unknown key; the keys are listed in docs/configuration.md");
  }

  /** The known key at the smallest edit distance, if it is close enough to be a misspelling. */
  Optional<String> closest(String key) {
    return keys.stream().map(WhizbangSettings.Key::name).filter(k -> !k.contains("<"))
        .min(Comparator.comparingInt(k -> distance(key, k)))
        .filter(k -> distance(key, k) <= Math.max(3, key.length() / 5));
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
