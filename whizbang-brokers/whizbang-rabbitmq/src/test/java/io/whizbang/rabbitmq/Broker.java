package io.whizbang.rabbitmq;

import static org.junit.jupiter.api.Assertions.fail;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /** Closes every client connection from the server side, as a broker-side network failure would. */
  static void closeAllConnections(String rabbitmqctl) {
    List<String> command = new ArrayList<>(List.of(rabbitmqctl, "close_all_connections", "test: connection drop"));
    int exit = run(command);
    if (exit != 0) {
      throw new IllegalStateException("rabbitmqctl close_all_connections exited with " + exit);
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
