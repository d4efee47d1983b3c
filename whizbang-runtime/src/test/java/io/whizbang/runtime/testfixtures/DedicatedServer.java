package io.whizbang.runtime.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A broker of its own for a test that stops and starts it: run by the project's scripts
 * ({@code scripts/services/start-<name>.sh} and {@code stop-<name>.sh}) on free ports and in a state directory of
 * its own, so stopping it disturbs neither the shared instances other tests use nor another test run on the same
 * machine. The first start is fresh; {@link #start()} after {@link #stop()} is a restart on the data the server
 * kept ({@code <KEEP_DATA>=true}). {@link #close()} stops it and deletes its state; a shutdown hook does the same
 * should the JVM end first.
 *
 * <p>When the scripts cannot start it (no scripts directory above the working directory, no Java or Node, no
 * network for the first download) the test is skipped, or fails with {@code CI=true}.
 */
public final class DedicatedServer implements AutoCloseable {

  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(300);

  private final String name;
  private final Path scripts;
  private final Path stateDir;
  private final Map<String, String> environment;
  private final String keepDataVariable;
  private final Thread stopOnExit;
  private boolean running;
  private boolean closed;

  private DedicatedServer(String name, Path scripts, Path stateDir, Map<String, String> environment,
      String keepDataVariable) {
    this.name = name;
    this.scripts = scripts;
    this.stateDir = stateDir;
    this.environment = environment;
    this.keepDataVariable = keepDataVariable;
    this.stopOnExit = new Thread(this::stopQuietly, "stop-dedicated-" + name);
  }

  /**
   * Starts a fresh server with {@code start-<name>.sh}. {@code environment} is what the script reads (ports,
   * storage); {@code WHIZBANG_SERVICES_DIR} is set to a new temporary directory. {@code keepDataVariable} is the
   * script's switch for a restart on the previous run's data ({@code KAFKA_KEEP_DATA}, {@code SQS_KEEP_DATA}).
   */
  public static DedicatedServer start(String name, Map<String, String> environment, String keepDataVariable) {
    Path scripts = findScripts(name);
    if (scripts == null) {
      unavailable("scripts/services/start-" + name + ".sh was not found above " + Path.of("").toAbsolutePath());
    }
    Path state;
    try {
      state = Files.createTempDirectory("whizbang-dedicated-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put("WHIZBANG_SERVICES_DIR", state.toString());
    DedicatedServer server = new DedicatedServer(name, scripts, state, env, keepDataVariable);
    Runtime.getRuntime().addShutdownHook(server.stopOnExit);
    try {
      server.run("start-" + name + ".sh", false);
    } catch (IllegalStateException e) {
      server.close();
      unavailable("the dedicated " + name + " server did not start: " + e.getMessage());
    }
    server.running = true;
    return server;
  }

  /** A port nobody listens on at the moment, for a dedicated server to take. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server process as an operator would ({@code stop-<name>.sh}). */
  public synchronized void stop() {
    run("stop-" + name + ".sh", false);
    running = false;
  }

  /** Starts the server again on the data it kept. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("the dedicated " + name + " server was closed");
    }
    run("start-" + name + ".sh", true);
    running = true;
  }

  public synchronized boolean running() {
    return running;
  }

  /** The directory with the server's pid, log and data files. */
  public Path stateDir() {
    return stateDir;
  }

  /** The last lines of the server's log, for a failure message. */
  public String logTail() {
    Path log = stateDir.resolve(name + ".log");
    try {
      var lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log at " + log + ")";
    }
  }

  /** Stops the server and deletes its state directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is what called us
    }
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + stateDir + ": " + e);
    }
  }

  private void stopQuietly() {
    try {
      run("stop-" + name + ".sh", false);
      running = false;
    } catch (RuntimeException e) {
      System.err.println("stopping the dedicated " + name + " server failed: " + e.getMessage());
    }
  }

  private void run(String script, boolean keepData) {
    ProcessBuilder builder = new ProcessBuilder("bash", scripts.resolve(script).toString()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    builder.environment().put(keepDataVariable, Boolean.toString(keepData));
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
      throw new IllegalStateException("running " + script + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + script, e);
    }
  }

  private static Path findScripts(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("scripts/services");
      if (Files.isRegularFile(candidate.resolve("start-" + name + ".sh"))
          && Files.isRegularFile(candidate.resolve("stop-" + name + ".sh"))) {
        return candidate;
      }
    }
    return null;
  }

  private static void unavailable(String problem) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(problem + "; CI=true, so the broker fault tests must run");
    }
    Assumptions.abort(problem + "; skipping the broker fault tests");
  }
}
