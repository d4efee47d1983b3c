package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;

/**
 * The test broker as the process scripts/services/start-kafka.sh manages, for tests that stop and restart it. The
 * scripts run with the test's environment, so {@code KAFKA_PORT} and {@code WHIZBANG_SERVICES_DIR} select the same
 * broker for both. A restart keeps the broker's storage ({@code KAFKA_KEEP_DATA=true}), as restarting a real broker
 * does.
 *
 * <p>Stopping the broker disturbs everyone using it, so such tests run only with {@code CI=true} (the test run owns
 * its broker) or {@code WHIZBANG_KAFKA_DISRUPTIVE_TESTS=true}. Whatever happens, the broker is started again before
 * {@link #outage} returns (and, should the test JVM be shut down while the broker is stopped, from a shutdown
 * hook).
 */
final class ScriptedBroker {

  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(120);

  private final Path scripts;
  private final Thread restartOnExit;

  private ScriptedBroker(Path scripts) {
    this.scripts = scripts;
    this.restartOnExit = new Thread(() -> run("start-kafka.sh"), "restart-kafka-on-exit");
  }

  /**
   * The broker, when disruptive tests may run and it is the scripts' broker. Skips otherwise; under {@code CI=true}
   * a broker the scripts do not manage fails the test, as the restart proof must not silently go missing there.
   */
  static ScriptedBroker require() {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    Assumptions.assumeTrue(ci || "true".equalsIgnoreCase(System.getenv("WHIZBANG_KAFKA_DISRUPTIVE_TESTS")),
        "this test stops and restarts the Kafka broker; it runs with CI=true or WHIZBANG_KAFKA_DISRUPTIVE_TESTS=true");
    KafkaBroker.require();
    String problem = null;
    Path scripts = findScripts();
    String port = System.getenv().getOrDefault("KAFKA_PORT", "9092");
    if (scripts == null) {
      problem = "scripts/services/start-kafka.sh was not found above " + Path.of("").toAbsolutePath();
    } else if (!KafkaBroker.BOOTSTRAP.equals("127.0.0.1:" + port)) {
      problem = "the tests use the broker at " + KafkaBroker.BOOTSTRAP + ", but the scripts manage 127.0.0.1:" + port
          + " (set KAFKA_PORT to match WHIZBANG_KAFKA_BOOTSTRAP)";
    } else if (!scriptsRunTheBroker()) {
      problem = "the broker at " + KafkaBroker.BOOTSTRAP + " was not started by scripts/services/start-kafka.sh (no"
          + " live broker named in " + pidFile() + "), so the test cannot stop and restart it";
    }
    if (problem != null) {
      if (ci) {
        fail(problem + "; CI=true, so the broker restart test must run");
      }
      Assumptions.abort(problem);
    }
    return new ScriptedBroker(scripts);
  }

  /**
   * Stops the broker (cleanly, as stop-kafka.sh does), runs {@code whileDown}, then starts the broker again on its
   * old storage and waits until it is healthy. The broker is started again also when stopping it or
   * {@code whileDown} failed; a failure to restart it is then added to that failure.
   */
  void outage(Executable whileDown) throws Throwable {
    Runtime.getRuntime().addShutdownHook(restartOnExit);
    Throwable failure = null;
    try {
      run("stop-kafka.sh");
      if (portOpen()) {
        throw new IllegalStateException("the broker still accepts connections at " + KafkaBroker.BOOTSTRAP
            + " after stop-kafka.sh");
      }
      whileDown.execute();
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      // A test that timed out is interrupted; the restart must happen all the same.
      boolean interrupted = Thread.interrupted();
      try {
        run("start-kafka.sh");
        awaitHealthy();
        Runtime.getRuntime().removeShutdownHook(restartOnExit);
      } catch (RuntimeException e) {
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * Creates a topic, writes to it with {@code acks=all} and finds a consumer group coordinator: after a restart the
   * broker accepts connections a while before it can do all of that.
   */
  private void awaitHealthy() {
    long deadline = System.nanoTime() + HEALTHY_TIMEOUT.toNanos();
    String topic = "health-" + UUID.randomUUID();
    Exception last = null;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000"));
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP, ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000", ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000"),
            new StringSerializer(), new StringSerializer())) {
      boolean created = false;
      while (System.nanoTime() < deadline) {
        try {
          if (!created) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            created = true;
          }
          producer.send(new ProducerRecord<>(topic, "k", "healthy")).get(10, TimeUnit.SECONDS);
          try {
            admin.describeConsumerGroups(List.of(topic)).all().get(10, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
              throw e; // "no such group" is an answer from the group coordinator: it is up
            }
          }
          admin.deleteTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
          return;
        } catch (Exception e) {
          last = e;
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            break;
          }
          pause();
        }
      }
    }
    throw new IllegalStateException("the broker at " + KafkaBroker.BOOTSTRAP + " was not healthy within "
        + HEALTHY_TIMEOUT.toSeconds() + " s of its restart; see " + logFile(), last);
  }

  private void run(String script) {
    ProcessBuilder builder = new ProcessBuilder("bash", scripts.resolve(script).toString()).redirectErrorStream(true);
    builder.environment().put("KAFKA_KEEP_DATA", "true");
    try {
      Process process = builder.start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " did not finish within " + SCRIPT_TIMEOUT.toSeconds() + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(script + " exited with " + process.exitValue() + ":\n"
            + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException("running " + script + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + script, e);
    }
  }

  private static Path findScripts() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("scripts/services");
      if (Files.isRegularFile(candidate.resolve("start-kafka.sh"))
          && Files.isRegularFile(candidate.resolve("stop-kafka.sh"))) {
        return candidate;
      }
    }
    return null;
  }

  private static Path stateDir() {
    return Path.of(System.getenv().getOrDefault("WHIZBANG_SERVICES_DIR", "/tmp/whizbang-services"));
  }

  private static Path pidFile() {
    return stateDir().resolve("kafka.pid");
  }

  private static Path logFile() {
    return stateDir().resolve("kafka.log");
  }

  private static boolean scriptsRunTheBroker() {
    try {
      String pid = Files.readString(pidFile()).trim();
      byte[] cmdline = Files.readAllBytes(Path.of("/proc", pid, "cmdline"));
      return new String(cmdline, StandardCharsets.UTF_8).contains("kafka.Kafka");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean portOpen() {
    int colon = KafkaBroker.BOOTSTRAP.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(KafkaBroker.BOOTSTRAP.substring(0, colon),
          Integer.parseInt(KafkaBroker.BOOTSTRAP.substring(colon + 1))), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
