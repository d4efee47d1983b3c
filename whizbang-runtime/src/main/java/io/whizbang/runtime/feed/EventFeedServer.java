package io.whizbang.runtime.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default HTTP server of an {@link EventFeed}, on the JDK's built-in {@code HttpServer}: no web framework needed.
 *
 * <pre>{@code
 * try (EventFeedServer server = EventFeedServer.start(8080, feed, FeedServerOptions.defaults().bearerToken(token))) {
 *   // GET http://localhost:8080/events?types=orders.OrderPlaced&after=<cursor>&limit=500
 * }
 * }</pre>
 *
 * <p>Routes: {@code GET <path>} (the feed, NDJSON) and {@code GET <path>/horizon} ({@code {"horizon":"..."}}) and
 * {@code GET <path>/count?after=..&upto=..[&types=..][&from=..]} ({@code {"count":n,"settled":true}}).
 * Every refusal is a 4xx with a JSON body {@code {"error":"<code>","message":"..."}}: 400 for a bad query, 401
 * without the right bearer token, 404 for another path, 405 for another method; a database failure before the reply
 * started is a 503. No stack trace ever reaches a reader.
 */
public final class EventFeedServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventFeedServer.class);
  private static final JsonFactory JSON = new JsonFactory();
  private static final String NDJSON = "application/x-ndjson; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final EventFeed feed;
  private final FeedServerOptions options;
  private final BearerToken token;

  private EventFeedServer(HttpServer server, ExecutorService executor, EventFeed feed, FeedServerOptions options) {
    this.server = server;
    this.executor = executor;
    this.feed = feed;
    this.options = options;
    this.token = options.bearerToken() == null ? null : new BearerToken(options.bearerToken());
  }

  /**
   * Starts serving {@code feed} on {@code port} (0 picks a free port; see {@link #port()}).
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static EventFeedServer start(int port, EventFeed feed, FeedServerOptions options) {
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(options, "options");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(options.bindAddress(), port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot bind the event feed to " + options.bindAddress().getHostAddress() + ":"
          + port + " (" + e.getMessage() + "); choose another port", e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(options.threads(),
        feed.threads().named("whizbang-feed-http"));
    EventFeedServer server = new EventFeedServer(http, executor, feed, options);
    http.createContext("/", server::handle);
    http.setExecutor(executor);
    http.start();
    LOG.info("Event feed listening on http://{}:{}{}{}", options.bindAddress().getHostAddress(), server.port(),
        options.path(), server.token == null ? "" : " (bearer token required)");
    return server;
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The feed's URL on this server, for example {@code http://127.0.0.1:8080/events}. */
  public java.net.URI uri() {
    String host = options.bindAddress().isAnyLocalAddress() ? "127.0.0.1" : options.bindAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return java.net.URI.create("http://" + host + ":" + port() + options.path());
  }

  private void handle(HttpExchange exchange) {
    try {
      String path = exchange.getRequestURI().getRawPath();
      boolean events = options.path().equals(path);
      boolean horizon = (options.path() + "/horizon").equals(path);
      boolean count = (options.path() + "/count").equals(path);
      if (!events && !horizon && !count) {
        throw new FeedRequestException(404, "not_found", "No resource at '" + QueryParser.abbreviate(path)
            + "'; the event feed is at " + options.path());
      }
      if (token != null && !token.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"whizbang-feed\"");
        throw new FeedRequestException(401, "unauthorized", "This feed requires 'Authorization: Bearer <token>'"
            + " with the token configured on the server");
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        throw new FeedRequestException(405, "method_not_allowed", "Method " + QueryParser.abbreviate(
            exchange.getRequestMethod()) + " is not allowed; the event feed is read with GET");
      }
      if (events) {
        serveEvents(exchange);
      } else if (count) {
        serveCount(exchange);
      } else {
        serveHorizon(exchange);
      }
    } catch (FeedRequestException e) {
      reply(exchange, e.status(), e.code(), e.getMessage());
    } catch (IOException e) {
      LOG.debug("Event feed reader went away: {}", e.toString());
    } catch (RuntimeException e) {
      LOG.error("Event feed request {} failed", exchange.getRequestURI(), e);
      reply(exchange, 503, "unavailable", "The event feed cannot be read right now; retry later");
    } finally {
      exchange.close();
    }
  }

  private void serveEvents(HttpExchange exchange) throws IOException {
    FeedRequest request = feed.parse(exchange.getRequestURI().getRawQuery());
    exchange.getResponseHeaders().set("Content-Type", NDJSON);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, 0); // chunked: the length is not known before the end
    try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
      feed.write(request, out);
    }
  }

  private void serveHorizon(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null && !query.isEmpty()) {
      throw new FeedRequestException(400, "unknown_parameter", "The horizon takes no query parameters");
    }
    long horizon = feed.horizon();
    byte[] body = json(g -> g.writeStringField("horizon", Long.toString(horizon)));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private void serveCount(HttpExchange exchange) throws IOException {
    FeedCount count = feed.count(feed.parseCount(exchange.getRequestURI().getRawQuery()));
    byte[] body = json(g -> {
      g.writeNumberField("count", count.count());
      g.writeBooleanField("settled", count.settled());
    });
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private static void reply(HttpExchange exchange, int status, String code, String message) {
    if (exchange.getResponseCode() != -1) {
      return; // The reply already started; the feed wrote an error line instead.
    }
    try {
      byte[] body = json(g -> {
        g.writeStringField("error", code);
        g.writeStringField("message", message);
      });
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    } catch (IOException e) {
      LOG.debug("Could not send the {} reply: {}", status, e.toString());
    }
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] json(Fields fields) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Stops accepting requests, gives running replies a moment to finish, and releases the port. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
