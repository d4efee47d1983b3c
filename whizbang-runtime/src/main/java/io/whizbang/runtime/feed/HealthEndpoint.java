package io.whizbang.runtime.feed;

import io.whizbang.runtime.Health;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /health} next to the feed: the service's {@link Health} as JSON, 200 while it is ready (UP or DEGRADED)
 * and 503 when DOWN, for a load balancer's or an orchestrator's readiness probe. Behind the feed's bearer token when
 * it has one: the snapshot names subscribers, relays and error texts, which are not for anyone on the network.
 */
final class HealthEndpoint extends Handler.Abstract {
  static final String PATH = "/health";

  private final Supplier<Health> health;
  private final BearerToken token;

  HealthEndpoint(Supplier<Health> health, String bearerToken) {
    this.health = health;
    this.token = bearerToken == null ? null : new BearerToken(bearerToken);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!PATH.equals(Request.getPathInContext(request))) {
      return false;
    }
    if (token != null && !token.accepts(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"whizbang-feed\"");
      reply(response, callback, 401, "{\"error\":\"unauthorized\"}");
      return true;
    }
    if (!"GET".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET");
      reply(response, callback, 405, "{\"error\":\"method_not_allowed\"}");
      return true;
    }
    Health h;
    try {
      h = health.get();
    } catch (RuntimeException e) {
      // A health check that cannot even be taken is the clearest DOWN there is.
      reply(response, callback, 503, "{\"status\":\"DOWN\",\"error\":\"the health check failed\"}");
      return true;
    }
    reply(response, callback, h.ready() ? 200 : 503, h.toJson());
    return true;
  }

  private static void reply(Response response, Callback callback, int status, String json) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
