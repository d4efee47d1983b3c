package io.whizbang.runtime.config;

import java.util.Objects;

/**
 * One key the settings understand, as docs/configuration.md and the Spring Boot configuration metadata list it.
 *
 * @param name the full key, such as {@code whizbang.outbox.publish-interval}; {@code <name>} marks a part the user
 *     chooses ({@code whizbang.domains.<name>.url})
 * @param type what the value is: {@code string}, {@code name}, {@code list}, {@code integer}, {@code boolean},
 *     {@code duration}, {@code url}, or a choice such as {@code memory|kafka}
 * @param defaultValue the value used when the key is absent; empty when there is none
 * @param meaning what the key does, in one sentence
 */
public record SettingKey(String name, String type, String defaultValue, String meaning) {
  public SettingKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(meaning, "meaning");
  }

  /** Whether the key has a part the user chooses, such as a domain's name. */
  public boolean isPattern() {
    return name.contains("<");
  }
}
