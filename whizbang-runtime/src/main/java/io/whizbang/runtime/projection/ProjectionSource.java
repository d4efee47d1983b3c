package io.whizbang.runtime.projection;

import java.net.URI;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where a domain's event feed is served, the bearer token to read it, and, for an {@code https} feed whose certificate
 * the JVM's default trust store does not hold, the TLS context that trusts it.
 *
 * <pre>{@code
 * ProjectionSource.service("https://orders.example")                  // feed at https://orders.example/events
 * ProjectionSource.feed(URI.create("https://orders.example/events")).withBearerToken(token)
 *     .withSslContext(contextTrustingTheFeedsCertificate)
 * }</pre>
 */
public record ProjectionSource(URI eventsUrl, String bearerToken, SSLContext sslContext) {
  public ProjectionSource {
    Objects.requireNonNull(eventsUrl, "eventsUrl");
  }

  public ProjectionSource(URI eventsUrl, String bearerToken) {
    this(eventsUrl, bearerToken, null);
  }

  /** The feed of a service whose base URL is {@code baseUrl}: {@code <baseUrl>/events}. */
  public static ProjectionSource service(String baseUrl) {
    String base = Objects.requireNonNull(baseUrl, "baseUrl");
    return new ProjectionSource(URI.create((base.endsWith("/") ? base : base + "/") + "events"), null);
  }

  /** The feed at exactly {@code eventsUrl} (the seed's {@code BackfillSource}). */
  public static ProjectionSource feed(URI eventsUrl) {
    return new ProjectionSource(eventsUrl, null);
  }

  public ProjectionSource withBearerToken(String token) {
    return new ProjectionSource(eventsUrl, token, sslContext);
  }

  /** Reads an {@code https} feed trusting what {@code context}'s trust managers trust. */
  public ProjectionSource withSslContext(SSLContext context) {
    return new ProjectionSource(eventsUrl, bearerToken, Objects.requireNonNull(context, "sslContext"));
  }

  @Override
  public String toString() {
    return "ProjectionSource[" + eventsUrl + (bearerToken == null ? "" : ", bearer token")
        + (sslContext == null ? "" : ", TLS context") + "]";
  }
}
