package io.whizbang.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.config.WhizbangSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The IDE's completion list is every key the settings read (the broker modules are on this test's class path). */
class ConfigurationMetadataTest {

  private static final Pattern PROPERTY_NAME = Pattern.compile("\"name\": \"(whizbang\\.[^\"]+)\",\\s*\"type\"");

  @Test
  void theMetadataListsEveryKeyTheSettingsRead() throws IOException {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher m = PROPERTY_NAME.matcher(json);
    List<String> listed = m.results().map(r -> r.group(1)).toList();

    List<String> known = WhizbangSettings.keys().stream().map(WhizbangSettings.Key::name)
        .map(k -> k.contains("<") ? k.substring(0, k.indexOf(".<")) : k).toList();

    assertThat(listed).containsExactlyInAnyOrderElementsOf(known);
  }
}
