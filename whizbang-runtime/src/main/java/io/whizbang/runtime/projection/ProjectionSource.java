package io.whizbang.runtime.projection;

import java.net.URI;
import java.util.Objects;

/**
 * Where a domain's event feed is served, and the bearer token to read it.
 *
 * <pre>{@code
 * ProjectionSource.service("https://orders.example")                  // feed at https://orders.example/events
 * ProjectionSource.feed(URI.create("https://orders.example/events")).withBearerToken(token)
 * }</pre>
 */
public record ProjectionSource(URI eventsUrl, String bearerToken) {
  public ProjectionSource {
    Objects.requireNonNull(eventsUrl, "eventsUrl");
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
    return new ProjectionSource(eventsUrl, token);
  }

  @Override
  public String toString() {
    return "ProjectionSource[" + eventsUrl + (bearerToken == null ? "" : ", bearer token") + "]";
  }
}
