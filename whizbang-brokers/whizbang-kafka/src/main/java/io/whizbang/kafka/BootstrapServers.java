package io.whizbang.kafka;

import io.whizbang.runtime.transport.kit.SettingsCheck;

/** Checks a {@code bootstrap.servers} list before any client sees it, so that a typo fails with a readable error. */
final class BootstrapServers {

  private BootstrapServers() {}

  static void check(SettingsCheck check, String servers) {
    if (servers == null || servers.isBlank()) {
      check.require(false, "bootstrap servers are required: call bootstrapServers(\"host:9092\")"
          + " (a comma-separated list of host:port)");
      return;
    }
    for (String entry : servers.split(",", -1)) {
      String server = entry.trim();
      int colon = server.lastIndexOf(':');
      String port = colon > 0 ? server.substring(colon + 1) : "";
      if (port.isEmpty()) {
        check.require(false, "bootstrap server '" + server + "' in '" + servers
            + "' is not host:port (for example 127.0.0.1:9092)");
      } else if (!port.matches("\\d{1,9}")) {
        check.require(false, "bootstrap server '" + server + "' has port '" + port
            + "', which is not a number (for example 127.0.0.1:9092)");
      } else {
        int number = Integer.parseInt(port);
        check.require(number >= 1 && number <= 65535, "bootstrap server '" + server + "' has port " + number
            + ", outside 1..65535");
      }
    }
  }
}
