package io.whizbang.runtime.feed;

import io.whizbang.runtime.Health;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default HTTP server of an {@link EventFeed}: an embedded Jetty (core, no servlet API) serving an
 * {@link EventFeedHandler}, made to face a network.
 *
 * <pre>{@code
 * try (EventFeedServer server = EventFeedServer.start(8080, feed, FeedServerOptions.defaults().bearerToken(token))) {
 *   // GET http://localhost:8080/events?types=orders.OrderPlaced&after=<cursor>&limit=500
 * }
 * }</pre>
 *
 * <p>Request headers are read by the connector's selector, not by a request thread, so clients that send half a
 * request hold a file descriptor each and nothing else, until {@code idleTimeout} closes them. The same timeout cuts a
 * reader that stops reading a streaming reply. At most {@code maxConnections} are open; beyond that new connections
 * wait in the kernel's accept queue. At most {@code threads} requests are served at once, one more gets 503 with
 * {@code Retry-After}. With {@code tls} it serves HTTPS only. Routes and errors: {@link EventFeedHandler}.
 */
public final class EventFeedServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventFeedServer.class);
  /** Threads beyond {@code threads}: answers that need no slot (401, 404, 503) and the connector's own work. */
  private static final int SPARE_THREADS = 8;
  private static final int ACCEPT_QUEUE = 128;

  private final Server server;
  private final ServerConnector connector;
  private final FeedServerOptions options;
  private final List<String> warnings;

  private EventFeedServer(Server server, ServerConnector connector, FeedServerOptions options, List<String> warnings) {
    this.server = server;
    this.connector = connector;
    this.options = options;
    this.warnings = warnings;
  }

  /**
   * Starts serving {@code feed} on {@code port} (0 picks a free port; see {@link #port()}).
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static EventFeedServer start(int port, EventFeed feed, FeedServerOptions options) {
    return start(port, feed, options, null);
  }

  /**
   * Starts serving {@code feed} on {@code port} and, at {@code /health}, the service's health as JSON: 200 while it
   * is UP or DEGRADED, 503 when DOWN (behind the bearer token when there is one). For example
   * {@code EventFeedServer.start(8080, feed, options, whizbang::health)}; see docs/observability.md, "Health".
   *
   * @param health taken at each request; {@code null} serves no {@code /health}
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static EventFeedServer start(int port, EventFeed feed, FeedServerOptions options,
      Supplier<Health> health) {
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(options, "options");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    if (health != null && (options.path().equals(HealthEndpoint.PATH)
        || options.path().startsWith(HealthEndpoint.PATH + "/"))) {
      throw new IllegalArgumentException("The feed path '" + options.path() + "' would hide the health endpoint at "
          + HealthEndpoint.PATH + "; choose another FeedServerOptions.path");
    }
    int maxThreads = options.threads() + SPARE_THREADS;
    // The job queue is left unbounded (Jetty's internals rely on it accepting every task); what bounds it is the
    // connection limit, an HTTP/1.1 connection having at most one request in flight.
    // Threads from the storage's factory, as every other loop of the library (a null queue: Jetty's default one).
    QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(4, maxThreads), 60_000, 0, null, null,
        feed.threads().named("whizbang-feed-http"));
    pool.setName("whizbang-feed-http");
    pool.setDaemon(true);
    pool.setReservedThreads(0);
    Server server = new Server(pool);
    ServerConnector connector = new ServerConnector(server, 1, 1, connectionFactories(options));
    connector.setHost(options.bindAddress().getHostAddress());
    connector.setPort(port);
    connector.setIdleTimeout(options.idleTimeout().toMillis());
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    server.addConnector(connector);
    NetworkConnectionLimit limit = new NetworkConnectionLimit(options.maxConnections(), connector);
    // At the limit Jetty may shorten the idle timeout of the open connections; keep the configured one.
    limit.setEndPointIdleTimeout(options.idleTimeout().toMillis());
    server.addBean(limit);
    Handler feedHandler = EventFeedHandler.standalone(feed, options);
    server.setHandler(health == null ? feedHandler
        : new Handler.Sequence(new HealthEndpoint(health, options.bearerToken()), feedHandler));
    server.setStopTimeout(5_000);
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("Cannot bind the event feed to " + options.bindAddress().getHostAddress() + ":"
            + port + " (" + e.getMessage() + "); choose another port", io);
      }
      throw new IllegalStateException("The event feed server did not start: " + e.getMessage(), e);
    }
    EventFeedServer started = new EventFeedServer(server, connector, options, ExposureWarnings.of(options));
    LOG.info("Event feed listening on {}{}", started.uri(), started.options.bearerToken() == null ? ""
        : " (bearer token required)");
    started.warnings.forEach(LOG::warn);
    return started;
  }

  private static ConnectionFactory[] connectionFactories(FeedServerOptions options) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(8 * 1024);
    // Jetty reuses a header seen earlier on the connection when a new one matches it ignoring case, by default; the
    // bearer token is compared exactly, so "Bearer S3CRET" after "Bearer s3cret" must not be read as the latter.
    http.setHeaderCacheCaseSensitive(true);
    HttpConnectionFactory plain = new HttpConnectionFactory(http);
    if (options.tls() == null) {
      return new ConnectionFactory[] {plain};
    }
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setSslContext(options.tls());
    return new ConnectionFactory[] {new SslConnectionFactory(tls, plain.getProtocol()), plain};
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.debug("Stopping the feed server that failed to start: {}", e.toString());
    }
  }

  /** The port the server listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  /** The feed's URL on this server, for example {@code https://127.0.0.1:8080/events}. */
  public URI uri() {
    String host = options.bindAddress().isAnyLocalAddress() ? "127.0.0.1" : options.bindAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create((options.tls() == null ? "http" : "https") + "://" + host + ":" + port() + options.path());
  }

  /** The warnings logged at start about how exposed the feed is (empty on loopback, or with a token and TLS). */
  public List<String> warnings() {
    return warnings;
  }

  /** Stops accepting requests, gives running replies up to 5 s to finish, and releases the port. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("The event feed server did not stop cleanly: {}", e.toString());
    }
  }

  /** What is unsafe about where and how the feed listens. */
  static final class ExposureWarnings {
    private ExposureWarnings() {}

    static List<String> of(FeedServerOptions options) {
      List<String> warnings = new ArrayList<>();
      if (options.bindAddress().isLoopbackAddress()) {
        return List.copyOf(warnings);
      }
      String where = options.bindAddress().getHostAddress();
      if (options.bearerToken() == null) {
        warnings.add("The event feed listens on " + where + ", beyond loopback, without a bearer token: any host"
            + " that reaches this port reads every event it serves. Set FeedServerOptions.bearerToken.");
      }
      if (options.tls() == null) {
        warnings.add("The event feed listens on " + where + ", beyond loopback, without TLS: events"
            + (options.bearerToken() == null ? "" : " and the bearer token") + " cross the network in clear text."
            + " Set FeedServerOptions.tls.");
      }
      return List.copyOf(warnings);
    }
  }
}
