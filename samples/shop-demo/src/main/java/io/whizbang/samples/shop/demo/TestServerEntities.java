package io.whizbang.samples.shop.demo;

import io.whizbang.servicebus.ServiceBusProvisioner;
import io.whizbang.servicebus.ServiceBusTopology;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Declares the Service Bus entities the transport asks for on the project's Service Bus test server, through its
 * control API (plain HTTP + JSON). It exists only because that server has no administration REST API: against a real
 * namespace the transport creates its entities with the SDK's administration client and this class is not used.
 * It remembers what it declared so that the demo can delete its entities at the end, as it drops its schema.
 */
final class TestServerEntities implements ServiceBusProvisioner {

  private final URI controlApi;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Set<String> declared = ConcurrentHashMap.newKeySet();

  TestServerEntities(URI controlApi) {
    this.controlApi = controlApi;
  }

  @Override
  public void apply(ServiceBusTopology topology) {
    for (ServiceBusTopology.Queue q : topology.queues()) {
      put("queues/" + path(q.name()), "{\"requiresSession\":true,\"maxDeliveryCount\":" + q.maxDeliveryCount()
          + ",\"lockDurationMs\":" + q.lockDuration().toMillis() + ",\"duplicateDetectionWindowMs\":"
          + millis(q.duplicateDetectionWindow()) + "}");
      declared.add("queues/" + path(q.name()));
    }
    for (ServiceBusTopology.Topic t : topology.topics()) {
      put("topics/" + path(t.name()), "{\"duplicateDetectionWindowMs\":" + millis(t.duplicateDetectionWindow())
          + "}");
      declared.add("topics/" + path(t.name()));
    }
    for (ServiceBusTopology.Subscription s : topology.subscriptions()) {
      List<String> rules = new ArrayList<>();
      for (ServiceBusTopology.Rule r : s.rules()) {
        rules.add("{\"name\":" + json(r.name()) + ",\"correlation\":{\"properties\":{" + json(r.property()) + ":"
            + json(r.value()) + "}}}");
      }
      if (rules.isEmpty()) {
        rules.add("{\"name\":\"nothing\",\"sql\":\"1=0\"}"); // without rules the server would let everything in
      }
      put("topics/" + path(s.topic()) + "/subscriptions/" + path(s.name()), "{\"requiresSession\":true,"
          + "\"maxDeliveryCount\":" + s.maxDeliveryCount() + ",\"lockDurationMs\":" + s.lockDuration().toMillis()
          + ",\"rules\":[" + String.join(",", rules) + "]}");
    }
  }

  /** Deletes the queues and topics (with their subscriptions) declared so far; says which it could not. */
  void deleteDeclared() {
    StringJoiner failed = new StringJoiner(", ");
    for (String entity : declared) {
      try {
        send(HttpRequest.newBuilder(controlApi.resolve(entity)).DELETE());
      } catch (RuntimeException e) {
        failed.add(entity + " (" + e.getMessage() + ")");
      }
    }
    declared.clear();
    if (failed.length() > 0) {
      System.err.println("Could not delete Service Bus test server entities: " + failed);
    }
  }

  private void put(String path, String body) {
    send(HttpRequest.newBuilder(controlApi.resolve(path)).header("content-type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private void send(HttpRequest.Builder request) {
    HttpRequest r = request.timeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(r.method() + " " + r.uri() + " answered " + response.statusCode() + ": "
            + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("the Service Bus test server's control API at " + controlApi + " does not"
          + " answer (start it with scripts/services/start-servicebus.sh): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while declaring Service Bus entities", e);
    }
  }

  private static long millis(Duration d) {
    return d == null ? 0 : d.toMillis();
  }

  private static String path(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
