package io.whizbang.rabbitmq;

import static org.junit.jupiter.api.Assertions.fail;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real broker the tests run against: {@code WHIZBANG_RABBITMQ_HOST} (default 127.0.0.1), port 5672, guest/guest.
 * When it is unreachable the tests fail under {@code CI=true} and are skipped otherwise.
 */
final class Broker {

  static final String HOST = System.getenv().getOrDefault("WHIZBANG_RABBITMQ_HOST", "127.0.0.1");
  static final int PORT = Integer.parseInt(System.getenv().getOrDefault("WHIZBANG_RABBITMQ_PORT", "5672"));

  private Broker() {}

  /** Fails (CI) or skips the calling test when no broker answers. */
  static void require() {
    try (Connection ignored = factory().newConnection("whizbang-test-probe")) {
      // reachable
    } catch (Exception e) {
      String message = "RabbitMQ is not reachable at " + HOST + ":" + PORT + " (" + e.getMessage()
          + "); start it with scripts/services/start-rabbitmq.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  static ConnectionFactory factory() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(HOST);
    factory.setPort(PORT);
    factory.setAutomaticRecoveryEnabled(false);
    return factory;
  }

  /** A fresh name prefix, so that every test has its own exchanges and queues. */
  static String uniquePrefix() {
    return "wbtest." + UUID.randomUUID().toString().substring(0, 8) + ".";
  }

  static RabbitMqConfig.Builder config(String prefix) {
    return RabbitMqConfig.builder().host(HOST).port(PORT).namePrefix(prefix);
  }

  /** Deletes queues and exchanges by name, ignoring those that do not exist. */
  static void delete(List<String> queues, List<String> exchanges) {
    try (Connection connection = factory().newConnection("whizbang-test-cleanup")) {
      for (String queue : queues) {
        Channel channel = connection.createChannel();
        channel.queueDelete(queue);
        channel.close();
      }
      for (String exchange : exchanges) {
        Channel channel = connection.createChannel();
        channel.exchangeDelete(exchange);
        channel.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException("cleanup failed: " + e.getMessage(), e);
    }
  }

  /** Messages ready in a queue (declared passively), or -1 if it does not exist. */
  static long readyCount(String queue) {
    try (Connection connection = factory().newConnection("whizbang-test-count")) {
      Channel channel = connection.createChannel();
      return channel.queueDeclarePassive(queue).getMessageCount();
    } catch (IOException e) {
      return -1;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The broker's {@code rabbitmqctl}, when the broker is local and the tool can talk to it; else null. */
  static String rabbitmqctl() {
    if (!HOST.equals("127.0.0.1") && !HOST.equals("localhost")) {
      return null;
    }
    for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/lib/rabbitmq/bin")) {
      Path tool = Path.of(dir, "rabbitmqctl");
      if (Files.isExecutable(tool) && run(List.of(tool.toString(), "-q", "status")) == 0) {
        return tool.toString();
      }
    }
    return null;
  }

  /**
   * The local {@code rabbitmqctl} for tests that break the broker on purpose; skips them when it is not usable, or
   * fails them under {@code CI=true}, where they must run.
   */
  static String requireRabbitmqctl() {
    String tool = rabbitmqctl();
    if (tool == null) {
      String message = "rabbitmqctl cannot reach the broker at " + HOST + " (it needs a local broker and root); "
          + "the tests that close connections or restart the broker cannot run";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    return tool;
  }

  /**
   * Closes the given transports' connections from the server side, as a broker-side network failure would, leaving
   * other users of the broker alone. The broker knows a connection by its peer port: the client's local port.
   */
  static void closeConnectionsOf(String rabbitmqctl, RabbitMqTransport... transports) {
    Set<String> ports = new HashSet<>();
    for (RabbitMqTransport transport : transports) {
      transport.localPorts().forEach(port -> ports.add(String.valueOf(port)));
    }
    List<String> pids = new ArrayList<>();
    for (String line : output(List.of(rabbitmqctl, "-q", "list_connections", "--no-table-headers", "pid", "peer_port"))) {
      String[] columns = line.trim().split("\\s+");
      if (columns.length == 2 && ports.contains(columns[1])) {
        pids.add(columns[0]);
      }
    }
    if (pids.size() != ports.size()) {
      throw new IllegalStateException("found " + pids.size() + " of " + ports.size() + " connections to close");
    }
    for (String pid : pids) {
      int exit = run(List.of(rabbitmqctl, "-q", "close_connection", pid, "test: connection dropped"));
      if (exit != 0) {
        throw new IllegalStateException("rabbitmqctl close_connection " + pid + " exited with " + exit);
      }
    }
  }

  /**
   * Skips (or, without {@code CI=true} or {@code WHIZBANG_RABBITMQ_DISRUPTIVE_TESTS=true}, does not run) tests that
   * disturb every user of the broker: a restart or a memory alarm. Under CI the test run owns the broker.
   */
  static void requireDisruptionAllowed() {
    boolean allowed = "true".equalsIgnoreCase(System.getenv("CI"))
        || "true".equalsIgnoreCase(System.getenv("WHIZBANG_RABBITMQ_DISRUPTIVE_TESTS"));
    Assumptions.assumeTrue(allowed, "this test restarts or blocks the whole broker; it runs with CI=true or "
        + "WHIZBANG_RABBITMQ_DISRUPTIVE_TESTS=true");
  }

  static List<String> output(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(command + " failed: " + text);
      }
      return text.lines().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new IllegalStateException(command + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(command + " interrupted", e);
    }
  }

  static int run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
