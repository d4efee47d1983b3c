package io.whizbang.kafka;

/** Checks a {@code bootstrap.servers} list before any client sees it, so that a typo fails with a readable error. */
final class BootstrapServers {

  private BootstrapServers() {}

  static void validate(String servers) {
    if (servers == null || servers.isBlank()) {
      throw new KafkaConfigException("bootstrap servers are required: call bootstrapServers(\"host:9092\")"
          + " (a comma-separated list of host:port)");
    }
    for (String entry : servers.split(",", -1)) {
      String server = entry.trim();
      int colon = server.lastIndexOf(':');
      if (server.isEmpty() || colon <= 0 || colon == server.length() - 1) {
        throw new KafkaConfigException("bootstrap server '" + server + "' in '" + servers
            + "' is not host:port (for example 127.0.0.1:9092)");
      }
      String port = server.substring(colon + 1);
      int number;
      try {
        number = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw new KafkaConfigException("bootstrap server '" + server + "' has port '" + port
            + "', which is not a number (for example 127.0.0.1:9092)");
      }
      if (number < 1 || number > 65535) {
        throw new KafkaConfigException("bootstrap server '" + server + "' has port " + number
            + ", outside 1..65535");
      }
    }
  }
}
