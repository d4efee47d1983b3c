package io.whizbang.samples.shop.demo;

import io.whizbang.servicebus.ServiceBusConfig;
import io.whizbang.servicebus.ServiceBusConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The demo's options, from flags ({@code --broker kafka}) or environment variables ({@code WHIZBANG_BROKER=kafka});
 * a flag wins over the variable.
 */
record Settings(
    int orders,
    String broker,
    String kafkaBootstrap,
    String rabbitmqHost,
    String servicebusConnectionString,
    URI servicebusControlApi,
    String db,
    String service,
    int feedPort,
    String ordersFeed,
    String namespace,
    int timeoutSeconds,
    boolean tracesToConsole) {

  static final Set<String> BROKERS = Set.of("memory", "kafka", "rabbitmq", "servicebus");
  /** The project's Service Bus test server (scripts/services/start-servicebus.sh). */
  static final String TEST_SERVER_CONNECTION_STRING =
      "Endpoint=sb://localhost:5673;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true";
  static final String TEST_SERVER_CONTROL_API = "http://127.0.0.1:5674";
  static final Set<String> SERVICES = Set.of("orders", "inventory", "shipping", "analytics", "gateway");

  static final String USAGE = """
      Usage: java -jar shop-demo.jar [options]
        (no --service)            run every service in this JVM, place orders with trouble injected, print a report
        --service NAME            run one service as its own process: orders, inventory, shipping, analytics, gateway
        --orders N                orders the demo or the gateway places (default 3000)
        --broker memory|kafka|rabbitmq|servicebus   the transport (default memory; one service per process needs
                                  one of the others)
        --kafka-bootstrap H:P     Kafka bootstrap servers (default 127.0.0.1:9092)
        --rabbitmq-host HOST      RabbitMQ host, guest/guest on 5672 (default 127.0.0.1)
        --servicebus-connection-string STR   Azure Service Bus connection string (default: the project's test
                                  server, Endpoint=sb://localhost:5673;...;UseDevelopmentEmulator=true)
        --servicebus-control-api URL|none    where entities are declared on the test server (default
                                  http://127.0.0.1:5674 when the connection string has UseDevelopmentEmulator=true,
                                  else none: the transport creates them with the administration client, which needs
                                  the Manage right)
        --db JDBC_URL             jdbc:postgresql://127.0.0.1:5432/test (user postgres unless the URL names one);
                                  default: embedded H2 in memory
        --feed-port PORT          the orders service's HTTP event feed port (default: any free port in the demo, 8081
                                  for --service orders)
        --orders-feed URL         where analytics backfills from (default http://127.0.0.1:8081)
        --namespace NAME          prefix of broker names and database schema (default: a fresh one per demo run,
                                  "shop" for --service)
        --timeout SECONDS         how long the demo waits for every service to catch up (default 120)
        --traces none|console     console: print every span the services record (OpenTelemetry's logging
                                  exporter); use with few --orders, 10 or more (default none)
      Every option can also be set as an environment variable: WHIZBANG_ORDERS, WHIZBANG_BROKER, WHIZBANG_DB, ...
      """;

  static Settings parse(List<String> args, Map<String, String> env) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        throw new SettingsException("");
      }
      if (!arg.startsWith("--")) {
        throw new SettingsException("Unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new SettingsException("Option --" + name + " needs a value");
      }
      if (!USAGE.contains("--" + name + " ")) {
        throw new SettingsException("Unknown option --" + name);
      }
      flags.put(name, value);
    }
    Lookup in = new Lookup(flags, env);
    String service = in.get("service", null);
    if (service != null && !SERVICES.contains(service)) {
      throw new SettingsException("--service must be one of " + SERVICES + ", was '" + service + "'");
    }
    String broker = in.get("broker", "memory").toLowerCase(Locale.ROOT);
    if (!BROKERS.contains(broker)) {
      throw new SettingsException("--broker must be memory, kafka, rabbitmq or servicebus, was '" + broker + "'");
    }
    if (service != null && broker.equals("memory")) {
      throw new SettingsException("--service " + service + " runs in its own process, which the in-memory transport"
          + " cannot reach: add --broker kafka, --broker rabbitmq or --broker servicebus");
    }
    String db = in.get("db", null);
    if (db != null && !db.startsWith("jdbc:postgresql:") && !db.startsWith("jdbc:h2:")) {
      throw new SettingsException("--db must be a jdbc:postgresql: or jdbc:h2: URL, was '" + db + "'");
    }
    String namespace = in.get("namespace", service != null ? "shop" : "shop" + Long.toString(
        System.currentTimeMillis() % 100_000_000L, 36));
    if (!namespace.matches("[a-z][a-z0-9]{0,30}")) {
      throw new SettingsException("--namespace must be lower-case letters and digits, starting with a letter, was '"
          + namespace + "'");
    }
    String servicebus = in.get("servicebus-connection-string", TEST_SERVER_CONNECTION_STRING);
    try {
      ServiceBusConfig.builder().connectionString(servicebus); // the transport's own check, with its message
    } catch (ServiceBusConfigException e) {
      throw new SettingsException("--servicebus-connection-string: " + e.getMessage());
    }
    return new Settings(
        in.integer("orders", 3000, 1, 1_000_000),
        broker,
        in.get("kafka-bootstrap", "127.0.0.1:9092"),
        in.get("rabbitmq-host", "127.0.0.1"),
        servicebus,
        controlApi(in.get("servicebus-control-api", servicebus.toLowerCase(Locale.ROOT)
            .contains("usedevelopmentemulator=true") ? TEST_SERVER_CONTROL_API : "none")),
        db,
        service,
        in.integer("feed-port", "orders".equals(service) ? 8081 : 0, 0, 65535),
        in.get("orders-feed", "http://127.0.0.1:8081"),
        namespace,
        in.integer("timeout", 120, 1, 3600),
        tracesToConsole(in.get("traces", "none")));
  }

  private static boolean tracesToConsole(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "console" -> true;
      case "none" -> false;
      default -> throw new SettingsException("--traces must be none or console, was '" + value + "'");
    };
  }

  private static URI controlApi(String value) {
    if (value.equalsIgnoreCase("none")) {
      return null;
    }
    try {
      URI uri = new URI(value.endsWith("/") ? value : value + "/");
      if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new URISyntaxException(value, "not an http:// URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new SettingsException("--servicebus-control-api must be an http:// URL such as " + TEST_SERVER_CONTROL_API
          + " or 'none', was '" + value + "'");
    }
  }

  boolean postgres() {
    return db != null && db.startsWith("jdbc:postgresql:");
  }

  /** A bad flag or variable; the message says what to change (empty for --help). */
  static final class SettingsException extends RuntimeException {
    SettingsException(String message) {
      super(message);
    }
  }

  private record Lookup(Map<String, String> flags, Map<String, String> env) {
    String get(String name, String fallback) {
      String v = flags.get(name);
      if (v == null) {
        v = env.get("WHIZBANG_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
      }
      return v == null || v.isBlank() ? fallback : v.trim();
    }

    int integer(String name, int fallback, int min, int max) {
      String v = get(name, null);
      if (v == null) {
        return fallback;
      }
      try {
        int n = Integer.parseInt(v);
        if (n < min || n > max) {
          throw new SettingsException("--" + name + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new SettingsException("--" + name + " must be a number, was '" + v + "'");
      }
    }
  }
}
