package io.whizbang.runtime.config;

/**
 * One bad setting: the key, the value given ({@code null} when the key is missing) and what it accepts.
 *
 * @param key the full key, such as {@code whizbang.outbox.publish-interval}
 * @param value the value as given, or {@code null}
 * @param accepted what the key accepts, or how to fix it
 */
public record SettingsProblem(String key, String value, String accepted) {

  @Override
  public String toString() {
    return key + (value == null ? "" : "=" + value) + ": " + accepted;
  }
}
