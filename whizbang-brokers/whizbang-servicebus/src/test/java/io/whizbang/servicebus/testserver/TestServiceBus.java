package io.whizbang.servicebus.testserver;

import io.whizbang.runtime.testfixtures.DedicatedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's Azure Service Bus test server (src/test/node, started by scripts/services/start-servicebus.sh), as
 * a test sees it: the connection string the official SDK takes, the control API that declares queues, topics and
 * subscriptions (entities are never created implicitly), the message counts, and for fault tests a dedicated
 * instance on free ports that can be stopped, killed, restarted or have its connections cut.
 *
 * <pre>{@code
 * TestServiceBus bus = TestServiceBus.shared().requireRunning();
 * String queue = TestServiceBus.uniqueName("orders");
 * bus.declareQueue(queue, TestServiceBus.queue().maxDeliveryCount(3).lockDuration(Duration.ofSeconds(5)));
 * new ServiceBusClientBuilder().connectionString(bus.connectionString()).sender().queueName(queue)...
 * }</pre>
 */
public final class TestServiceBus implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final TestServiceBus SHARED = new TestServiceBus(
      Integer.parseInt(System.getenv().getOrDefault("SERVICEBUS_PORT", "5673")),
      Integer.parseInt(System.getenv().getOrDefault("SERVICEBUS_CONTROL_PORT", "5674")), null);

  private final int port;
  private final int controlPort;
  private final DedicatedServer dedicated;

  private TestServiceBus(int port, int controlPort, DedicatedServer dedicated) {
    this.port = port;
    this.controlPort = controlPort;
    this.dedicated = dedicated;
  }

  /** The server the test command starts (ports from SERVICEBUS_PORT / SERVICEBUS_CONTROL_PORT, 5673 / 5674). */
  public static TestServiceBus shared() {
    return SHARED;
  }

  /**
   * A server of the test's own on free ports, for fault tests. With {@code keepMessagesOnDisk} it writes its
   * entities and messages out when {@link #stop() stopped} and {@link #start() restarts} on them. Close it when
   * done. Skips the test (fails it with CI=true) when it cannot start.
   */
  public static TestServiceBus dedicated(boolean keepMessagesOnDisk) {
    int port = DedicatedServer.freePort();
    int controlPort = DedicatedServer.freePort();
    while (controlPort == port) {
      controlPort = DedicatedServer.freePort();
    }
    DedicatedServer server = DedicatedServer.start("servicebus", Map.of(
        "SERVICEBUS_PORT", Integer.toString(port),
        "SERVICEBUS_CONTROL_PORT", Integer.toString(controlPort),
        "SERVICEBUS_STORAGE", keepMessagesOnDisk ? "disk" : "memory"), "SERVICEBUS_KEEP_DATA");
    return new TestServiceBus(port, controlPort, server);
  }

  /** A name no other test uses (entity names are shared by every test on the server). */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** Connection string for {@code ServiceBusClientBuilder.connectionString}: no TLS, any key accepted. */
  public String connectionString() {
    return "Endpoint=sb://localhost:" + port
        + ";SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true";
  }

  public int port() {
    return port;
  }

  public URI controlUri() {
    return URI.create("http://127.0.0.1:" + controlPort);
  }

  /**
   * Call from {@code @BeforeEach} or {@code @BeforeAll}: fails the test when the server is not up and CI=true,
   * skips it otherwise, saying how to start it.
   */
  public TestServiceBus requireRunning() {
    if (!reachable()) {
      String problem = "no Service Bus test server on 127.0.0.1:" + port + " (control " + controlPort
          + "); start it with scripts/services/start-servicebus.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(problem + "; CI=true, so these tests must not be skipped");
      }
      Assumptions.abort(problem + "; skipping");
    }
    return this;
  }

  public boolean reachable() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    } catch (IOException e) {
      return false;
    }
    try {
      return call("GET", "/health", null).statusCode() == 200;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  // ---- entities

  public static QueueOptions queue() {
    return new QueueOptions();
  }

  public static TopicOptions topic() {
    return new TopicOptions();
  }

  public static SubscriptionOptions subscription() {
    return new SubscriptionOptions();
  }

  public void declareQueue(String name) {
    declareQueue(name, queue());
  }

  /** Creates the queue, or changes its settings when it exists (its messages stay). */
  public void declareQueue(String name, QueueOptions options) {
    put("/queues/" + name, options.json);
  }

  public void declareTopic(String name) {
    declareTopic(name, topic());
  }

  public void declareTopic(String name, TopicOptions options) {
    put("/topics/" + name, options.json);
  }

  /** A subscription with the $Default rule (every message) unless the options give rules. */
  public void declareSubscription(String topic, String name) {
    declareSubscription(topic, name, subscription());
  }

  public void declareSubscription(String topic, String name, SubscriptionOptions options) {
    put("/topics/" + topic + "/subscriptions/" + name, options.json());
  }

  public void deleteQueue(String name) {
    delete("/queues/" + name);
  }

  public void deleteTopic(String name) {
    delete("/topics/" + name);
  }

  public void deleteSubscription(String topic, String name) {
    delete("/topics/" + topic + "/subscriptions/" + name);
  }

  /** Everything declared, with message counts, as the control API's GET /entities returns it. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> entities() {
    return (Map<String, Object>) Json.parse(ok("GET", "/entities", null));
  }

  /**
   * Message counts of a queue ({@code "orders"}) or subscription ({@code "events/subscriptions/audit"}): active,
   * inFlight (locked), deferred, deadLettered, and scheduled (for a queue).
   */
  @SuppressWarnings("unchecked")
  public Counts counts(String path) {
    Map<String, Object> all = entities();
    String[] parts = path.split("/");
    List<Map<String, Object>> candidates;
    String name;
    if (parts.length == 3 && parts[1].equalsIgnoreCase("subscriptions")) {
      Map<String, Object> topic = named((List<Map<String, Object>>) all.get("topics"), parts[0]);
      candidates = topic == null ? List.of() : (List<Map<String, Object>>) topic.get("subscriptions");
      name = parts[2];
    } else {
      candidates = (List<Map<String, Object>>) all.get("queues");
      name = path;
    }
    Map<String, Object> entity = named(candidates, name);
    if (entity == null) {
      throw new IllegalArgumentException("no queue or subscription '" + path + "' on the test server: " + all);
    }
    return new Counts(number(entity, "active"), number(entity, "inFlight"), number(entity, "deferred"),
        number(entity, "deadLettered"), number(entity, "scheduled"));
  }

  /** Message counts of one entity. */
  public record Counts(long active, long inFlight, long deferred, long deadLettered, long scheduled) {
  }

  private static Map<String, Object> named(List<Map<String, Object>> entities, String name) {
    for (Map<String, Object> e : entities) {
      if (name.equalsIgnoreCase(String.valueOf(e.get("name")))) {
        return e;
      }
    }
    return null;
  }

  private static long number(Map<String, Object> entity, String key) {
    Object value = entity.get(key);
    return value instanceof Number n ? n.longValue() : 0;
  }

  // ---- faults (a dedicated server only)

  /** Stops the server as an operator would (SIGTERM): with disk storage it keeps its entities and messages. */
  public void stop() {
    dedicated().stop();
  }

  /** Starts the stopped server again on what it kept. */
  public void start() {
    dedicated().start();
  }

  /** Kills the server process (kill -9): nothing is written out. */
  public void kill() {
    DedicatedServer server = dedicated();
    try {
      long pid = Long.parseLong(Files.readString(server.stateDir().resolve("servicebus.pid")).trim());
      ProcessHandle.of(pid).ifPresent(p -> {
        p.destroyForcibly();
        p.onExit().join();
      });
    } catch (IOException e) {
      throw new IllegalStateException("no pid file in " + server.stateDir(), e);
    }
    server.stop(); // clears the pid file; the process is already gone
  }

  /** Destroys every client connection while the server, its entities and messages stay: a network cut. */
  public int cutConnections() {
    Object closed = ((Map<?, ?>) Json.parse(ok("POST", "/connections/close", null))).get("closed");
    return ((Number) closed).intValue();
  }

  /** The server's log (its last lines), for a failure message; only for a dedicated server. */
  public String logTail() {
    return dedicated == null ? "(the shared server logs to $WHIZBANG_SERVICES_DIR/servicebus.log)" : dedicated.logTail();
  }

  public Path stateDir() {
    return dedicated().stateDir();
  }

  @Override
  public void close() {
    if (dedicated != null) {
      dedicated.close();
    }
  }

  private DedicatedServer dedicated() {
    if (dedicated == null) {
      throw new IllegalStateException("only a dedicated server (TestServiceBus.dedicated) can be stopped, started or"
          + " killed: the shared one serves other tests");
    }
    return dedicated;
  }

  // ---- control API

  private void put(String path, Map<String, Object> body) {
    ok("PUT", path, Json.write(body));
  }

  private void delete(String path) {
    HttpResponse<String> response = call("DELETE", path, null);
    if (response.statusCode() != 200 && response.statusCode() != 404) {
      throw new IllegalStateException("DELETE " + path + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private String ok(String method, String path, String body) {
    HttpResponse<String> response = call(method, path, body);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return response.body();
  }

  private HttpResponse<String> call(String method, String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(controlUri().resolve(path)).timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + controlUri().resolve(path) + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  // ---- options

  /** Settings of a queue; unset ones take the server's defaults (no sessions, 10 deliveries, 30 s lock, 256 KiB). */
  public static final class QueueOptions {
    final Map<String, Object> json = new LinkedHashMap<>();

    public QueueOptions requiresSession(boolean value) {
      json.put("requiresSession", value);
      return this;
    }

    public QueueOptions maxDeliveryCount(int value) {
      json.put("maxDeliveryCount", value);
      return this;
    }

    public QueueOptions lockDuration(Duration value) {
      json.put("lockDurationMs", value.toMillis());
      return this;
    }

    /** Drops a message whose message id was seen within this window (off by default). */
    public QueueOptions duplicateDetection(Duration window) {
      json.put("duplicateDetectionWindowMs", window.toMillis());
      return this;
    }

    public QueueOptions maxMessageSizeBytes(int value) {
      json.put("maxMessageSizeBytes", value);
      return this;
    }

    public QueueOptions defaultTimeToLive(Duration value) {
      json.put("defaultTtlMs", value.toMillis());
      return this;
    }
  }

  /** Settings of a topic. */
  public static final class TopicOptions {
    final Map<String, Object> json = new LinkedHashMap<>();

    public TopicOptions duplicateDetection(Duration window) {
      json.put("duplicateDetectionWindowMs", window.toMillis());
      return this;
    }

    public TopicOptions maxMessageSizeBytes(int value) {
      json.put("maxMessageSizeBytes", value);
      return this;
    }
  }

  /** Settings and rules of a subscription; without rules it gets $Default (SQL 1=1, every message). */
  public static final class SubscriptionOptions {
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Map<String, Object>> rules = new ArrayList<>();

    public SubscriptionOptions requiresSession(boolean value) {
      settings.put("requiresSession", value);
      return this;
    }

    public SubscriptionOptions maxDeliveryCount(int value) {
      settings.put("maxDeliveryCount", value);
      return this;
    }

    public SubscriptionOptions lockDuration(Duration value) {
      settings.put("lockDurationMs", value.toMillis());
      return this;
    }

    /** Messages whose application properties have all these values. */
    public SubscriptionOptions correlationRule(String name, Map<String, String> applicationProperties) {
      rules.add(Map.of("name", name, "correlation", Map.of("properties", applicationProperties)));
      return this;
    }

    /** A SQL filter: the server understands 1=1, 1=0, and {@code name = 'text'} terms joined by AND. */
    public SubscriptionOptions sqlRule(String name, String expression) {
      rules.add(Map.of("name", name, "sql", expression));
      return this;
    }

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>(settings);
      if (!rules.isEmpty()) {
        json.put("rules", rules);
      }
      return json;
    }
  }
}
