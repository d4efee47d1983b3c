package io.whizbang.runtime.feed;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Settings of an {@link EventFeedServer}.
 *
 * <pre>{@code
 * FeedServerOptions options = FeedServerOptions.defaults().bearerToken(System.getenv("FEED_TOKEN"));
 * }</pre>
 *
 * @param bindAddress the interface to listen on; loopback by default, set it to expose the feed to other hosts
 * @param path the feed's path (default {@code /events}); {@code <path>/horizon} serves the visibility horizon
 * @param bearerToken the token a reader must send as {@code Authorization: Bearer <token>}, or {@code null} for none
 * @param threads how many requests are served at once
 */
public record FeedServerOptions(InetAddress bindAddress, String path, String bearerToken, int threads) {
  public FeedServerOptions {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/") || path.endsWith("/") || path.contains("?")) {
      throw new IllegalArgumentException("The feed path must start with '/' and not end with one, was '" + path + "'");
    }
    if (bearerToken != null && bearerToken.isBlank()) {
      throw new IllegalArgumentException("The bearer token must not be blank; pass null to serve without one");
    }
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads must be between 1 and 256, was " + threads);
    }
  }

  /** Loopback, {@code /events}, no token, 4 threads. */
  public static FeedServerOptions defaults() {
    return new FeedServerOptions(InetAddress.getLoopbackAddress(), "/events", null, 4);
  }

  public FeedServerOptions bindAddress(InetAddress value) {
    return new FeedServerOptions(value, path, bearerToken, threads);
  }

  public FeedServerOptions path(String value) {
    return new FeedServerOptions(bindAddress, value, bearerToken, threads);
  }

  public FeedServerOptions bearerToken(String value) {
    return new FeedServerOptions(bindAddress, path, value, threads);
  }

  public FeedServerOptions threads(int value) {
    return new FeedServerOptions(bindAddress, path, bearerToken, value);
  }

  @Override
  public String toString() {
    // Never print the token.
    return "FeedServerOptions[" + bindAddress.getHostAddress() + path + (bearerToken == null ? "" : ", bearer token")
        + ", threads=" + threads + "]";
  }
}
