package io.whizbang.benchmarks.servicebus;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Service Bus test server's control API (plain HTTP + JSON), which declares the entities a harness sends to: the
 * test server has no administration REST API for the SDK's administration client.
 */
final class ControlApi {

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ControlApi(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  void declareTopic(String topic, Duration duplicateDetectionWindow) {
    send("PUT", "/topics/" + path(topic), "{\"duplicateDetectionWindowMs\":"
        + (duplicateDetectionWindow == null ? 0 : duplicateDetectionWindow.toMillis()) + "}");
  }

  /** A session subscription letting in the messages whose {@code wb-type} is {@code wireName}. */
  void declareSubscription(String topic, String name, String wireName) {
    send("PUT", "/topics/" + path(topic) + "/subscriptions/" + path(name), "{\"requiresSession\":true,"
        + "\"maxDeliveryCount\":100,\"lockDurationMs\":30000,\"rules\":[{\"name\":\"" + wireName + "\","
        + "\"correlation\":{\"properties\":{\"wb-type\":\"" + wireName + "\"}}}]}");
  }

  void deleteTopic(String topic) {
    send("DELETE", "/topics/" + path(topic), null);
  }

  private void send(String method, String path, String json) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(method + " " + request.uri() + " answered " + response.statusCode() + ": "
            + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("the Service Bus test server's control API at " + base + " does not answer"
          + " (bash scripts/services/start-servicebus.sh): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String path(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
