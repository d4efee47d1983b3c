package io.whizbang.runtime.feed;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Settings of an {@link EventFeedServer} (and of an {@link EventFeedHandler} mounted elsewhere).
 *
 * <pre>{@code
 * FeedServerOptions options = FeedServerOptions.defaults()
 *     .bindAddress(InetAddress.getByName("0.0.0.0"))
 *     .bearerToken(System.getenv("FEED_TOKEN"))
 *     .tls(Path.of("/etc/orders/feed.p12"), System.getenv("FEED_KEYSTORE_PASSWORD").toCharArray());
 * }</pre>
 *
 * @param bindAddress the interface to listen on; loopback by default, set it to expose the feed to other hosts
 * @param path the feed's path (default {@code /events}); {@code <path>/horizon} serves the visibility horizon
 * @param bearerToken the token a reader must send as {@code Authorization: Bearer <token>}, or {@code null} for none
 * @param threads how many feed requests are served at once; one more is answered 503 with {@code Retry-After}
 * @param idleTimeout how long a connection may send or take nothing before it is closed: a client that stalls in
 *     its request headers, keeps an idle connection, or stops reading a streaming reply (which then releases its
 *     database connection)
 * @param maxConnections how many connections are open at once; beyond it new ones wait in the accept queue
 * @param tls the server's TLS context, or {@code null} to serve plain HTTP
 */
public record FeedServerOptions(InetAddress bindAddress, String path, String bearerToken, int threads,
    Duration idleTimeout, int maxConnections, SSLContext tls) {
  public FeedServerOptions {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (!path.startsWith("/") || path.endsWith("/") || path.contains("?")) {
      throw new IllegalArgumentException("The feed path must start with '/' and not end with one, was '" + path + "'");
    }
    if (bearerToken != null && bearerToken.isBlank()) {
      throw new IllegalArgumentException("The bearer token must not be blank; pass null to serve without one");
    }
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads must be between 1 and 256, was " + threads);
    }
    if (idleTimeout.compareTo(Duration.ofMillis(100)) < 0 || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("idleTimeout must be between 100 ms and 1 hour, was " + idleTimeout);
    }
    if (maxConnections < threads || maxConnections > 100_000) {
      throw new IllegalArgumentException("maxConnections must be between threads (" + threads + ") and 100000, was "
          + maxConnections);
    }
  }

  /** Loopback, {@code /events}, no token, plain HTTP, 16 requests at once, 30 s idle timeout, 1,000 connections. */
  public static FeedServerOptions defaults() {
    return new FeedServerOptions(InetAddress.getLoopbackAddress(), "/events", null, 16, Duration.ofSeconds(30), 1_000,
        null);
  }

  public FeedServerOptions bindAddress(InetAddress value) {
    return new FeedServerOptions(value, path, bearerToken, threads, idleTimeout, maxConnections, tls);
  }

  public FeedServerOptions path(String value) {
    return new FeedServerOptions(bindAddress, value, bearerToken, threads, idleTimeout, maxConnections, tls);
  }

  public FeedServerOptions bearerToken(String value) {
    return new FeedServerOptions(bindAddress, path, value, threads, idleTimeout, maxConnections, tls);
  }

  public FeedServerOptions threads(int value) {
    return new FeedServerOptions(bindAddress, path, bearerToken, value, idleTimeout, Math.max(value, maxConnections),
        tls);
  }

  public FeedServerOptions idleTimeout(Duration value) {
    return new FeedServerOptions(bindAddress, path, bearerToken, threads, value, maxConnections, tls);
  }

  public FeedServerOptions maxConnections(int value) {
    return new FeedServerOptions(bindAddress, path, bearerToken, threads, idleTimeout, value, tls);
  }

  /** Serves HTTPS with {@code context} (its key managers hold the server's certificate and key). */
  public FeedServerOptions tls(SSLContext context) {
    return new FeedServerOptions(bindAddress, path, bearerToken, threads, idleTimeout, maxConnections,
        Objects.requireNonNull(context, "tls"));
  }

  /**
   * Serves HTTPS with the key and certificate chain of a PKCS#12 file.
   *
   * @throws IllegalArgumentException when the file is missing, unreadable, not PKCS#12, the password is wrong, or it
   *     holds no private key
   */
  public FeedServerOptions tls(Path pkcs12, char[] password) {
    return tls(FeedTls.fromPkcs12(pkcs12, password));
  }

  @Override
  public String toString() {
    // Never print the token.
    return "FeedServerOptions[" + bindAddress.getHostAddress() + path + (bearerToken == null ? "" : ", bearer token")
        + (tls == null ? "" : ", TLS") + ", threads=" + threads + ", idleTimeout=" + idleTimeout
        + ", maxConnections=" + maxConnections + "]";
  }
}
