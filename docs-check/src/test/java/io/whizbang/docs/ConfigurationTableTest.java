package io.whizbang.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.config.WhizbangSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's tables list every key the settings read, the runtime's and every broker module's (all on
 * this module's class path), with the default the code uses, and no key the code does not know.
 */
class ConfigurationTableTest {

  /** The cell borders of {@code | `key` | type | default | meaning |}: a {@code |} not written {@code \\|}. */
  private static final Pattern BORDER = Pattern.compile("(?<!\\\\)\\|");

  @Test
  void theTablesListEveryKeyWithItsDefault() throws IOException {
    Path root = Path.of(System.getProperty("docs.root", "..")).toRealPath();
    String page = Files.readString(root.resolve("docs/configuration.md"));
    Map<String, String> documented = new TreeMap<>();
    for (String line : page.lines().filter(l -> l.startsWith("| `whizbang.")).toList()) {
      String[] cells = BORDER.split(line);
      documented.put(cells[1].trim().replace("`", ""), cells[3].trim().replace("`", ""));
    }

    Map<String, String> known = WhizbangSettings.keys().stream().collect(Collectors.toMap(WhizbangSettings.Key::name,
        k -> k.defaultValue().isEmpty() ? "none" : k.defaultValue(), (a, b) -> a, TreeMap::new));

    assertThat(documented).isEqualTo(known);
  }
}
