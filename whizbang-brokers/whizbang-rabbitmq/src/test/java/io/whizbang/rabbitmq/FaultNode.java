package io.whizbang.rabbitmq;

import static org.junit.jupiter.api.Assertions.fail;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * The dedicated RabbitMQ node of the fault suite, as scripts/services/rabbitmq-node.sh runs it: node
 * {@code whizbang-fault@localhost} on 127.0.0.1:5682 with its own data, so stopping it disturbs no one (the shared
 * broker on 5672 is never touched). The script runs with the test's environment: {@code RABBITMQ_FAULT_PORT} and
 * {@code RABBITMQ_FAULT_NODENAME} select another node for both.
 *
 * <p>When the node cannot be started (RabbitMQ not installed, not root), the tests fail under {@code CI=true} and are
 * skipped otherwise.
 */
final class FaultNode {
  static final int PORT = Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_FAULT_PORT", "5682"));
  private static final long SCRIPT_TIMEOUT_SECONDS = 180;

  private static final long LOCK_TIMEOUT_SECONDS = 600;

  private final Path script;
  private final FileChannel lockFile;
  private final FileLock lock;

  private FaultNode(Path script, FileChannel lockFile, FileLock lock) {
    this.script = script;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /**
   * Takes the node for this test class (another test run on the machine that wants it waits until {@link #release}:
   * it would stop the node under this one), starts it if it is not running and returns it. Fails (CI) or skips when
   * that is not possible.
   */
  static FaultNode require() {
    Path script = findScript();
    String problem;
    if (script == null) {
      problem = "scripts/services/rabbitmq-node.sh was not found above " + Path.of("").toAbsolutePath();
    } else {
      FaultNode node = take(script);
      try {
        node.run("start");
        return node;
      } catch (IllegalStateException e) {
        node.release();
        problem = "the dedicated RabbitMQ node of the fault suite did not start: " + e.getMessage();
      }
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(problem + " (CI=true: the fault suite must run)");
    }
    Assumptions.abort(problem);
    return null;
  }

  private static FaultNode take(Path script) {
    Path file = Path.of(System.getenv().getOrDefault("WHIZBANG_SERVICES_DIR", "/tmp/whizbang-services"),
        "rabbitmq-fault-node.lock");
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOCK_TIMEOUT_SECONDS);
      FileLock lock;
      while ((lock = channel.tryLock()) == null) {
        if (System.nanoTime() > deadline) {
          channel.close();
          throw new IllegalStateException("another test run held " + file + " for " + LOCK_TIMEOUT_SECONDS + " s");
        }
        Thread.sleep(500);
      }
      return new FaultNode(script, channel, lock);
    } catch (IOException e) {
      throw new IllegalStateException("cannot lock " + file + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + file, e);
    }
  }

  /** Stops the node and lets other test runs have it. */
  void stopAndRelease() {
    try {
      stop();
    } finally {
      release();
    }
  }

  private void release() {
    try {
      lock.release();
      lockFile.close();
    } catch (IOException e) {
      System.err.println("releasing the fault node's lock: " + e);
    }
  }

  RabbitMqConfig.Builder config(String prefix) {
    return RabbitMqConfig.builder().host("127.0.0.1").port(PORT).namePrefix(prefix);
  }

  /** Stops the node's process; returns once it is gone. Its data stays, as a stopped broker's does. */
  void stop() {
    run("stop");
  }

  /** Starts the node on its data; returns once it accepts work. */
  void start() {
    run("start");
  }

  /**
   * Sets the node's {@code max_message_size} live. A channel reads it when it opens, so it applies to channels
   * opened from now on; channels already open keep the limit they had.
   */
  void maxMessageSize(int bytes) {
    run("ctl", "eval", "application:set_env(rabbit, max_message_size, " + bytes + ").");
  }

  /** Closes every client connection of the node, as an operator does to make clients reconnect. */
  void closeAllConnections() {
    run("ctl", "close_all_connections", "test: reconnect to pick up a changed limit");
  }

  /** Deletes queues and exchanges by name, ignoring those that do not exist. */
  void delete(List<String> queues, List<String> exchanges) {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(PORT);
    factory.setAutomaticRecoveryEnabled(false);
    try (Connection connection = factory.newConnection("whizbang-fault-cleanup")) {
      Channel channel = connection.createChannel();
      for (String queue : queues) {
        channel.queueDelete(queue);
      }
      for (String exchange : exchanges) {
        channel.exchangeDelete(exchange);
      }
    } catch (IOException | TimeoutException e) {
      throw new IllegalStateException("cleanup on the fault node failed: " + e.getMessage(), e);
    }
  }

  private void run(String... arguments) {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", arguments) + " did not finish within "
            + SCRIPT_TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("rabbitmq-node.sh " + String.join(" ", arguments) + " exited with "
            + process.exitValue() + ":\n" + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException("running rabbitmq-node.sh failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running rabbitmq-node.sh", e);
    }
  }

  private static Path findScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("scripts/services/rabbitmq-node.sh");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
