package io.whizbang.runtime.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.whizbang.runtime.internal.feedclient.FeedCount;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event feed as a Jetty handler: what {@link EventFeedServer} runs, and what a service that already runs Jetty 12
 * mounts in its own server (its connector then sets the idle timeout and TLS).
 *
 * <pre>{@code
 * server.setHandler(new Handler.Sequence(EventFeedHandler.of(feed, FeedServerOptions.defaults().bearerToken(t)),
 *     theServicesOwnHandler));
 * }</pre>
 *
 * <p>Routes: {@code GET <path>} (the feed, NDJSON), {@code GET <path>/horizon} ({@code {"horizon":"..."}}) and
 * {@code GET <path>/count?after=..&upto=..[&types=..][&from=..]} ({@code {"count":n,"settled":true}}). The bearer
 * token is checked before anything else is answered, so an anonymous client learns nothing about the paths. Every
 * refusal has a JSON body {@code {"error":"<code>","message":"..."}}: 400 for a bad query, 401 without the right
 * token, 404 for another path under the feed's, 405 for another method, 503 with {@code Retry-After} when
 * {@code threads} requests are already being served or the database failed before the reply started. No stack trace
 * ever reaches a reader. A path outside the feed's is left to the next handler (returns {@code false}).
 *
 * <p>With a bearer token, the connector's {@code HttpConfiguration} must have
 * {@code setHeaderCacheCaseSensitive(true)}: Jetty's default header cache matches a header seen earlier on the same
 * connection ignoring case, which would accept a token differing from the right one only in case. Without it the
 * handler refuses every request with 503 {@code misconfigured} and logs why.
 */
public final class EventFeedHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(EventFeedHandler.class);
  private static final JsonFactory JSON = new JsonFactory();
  private static final String NDJSON = "application/x-ndjson; charset=utf-8";
  private static final String RETRY_AFTER_SECONDS = "1";

  private final EventFeed feed;
  private final String path;
  private final BearerToken token;
  private final Semaphore slots;
  private final boolean answerEveryPath;

  private EventFeedHandler(EventFeed feed, FeedServerOptions options, boolean answerEveryPath) {
    this.feed = Objects.requireNonNull(feed, "feed");
    this.path = options.path();
    this.token = options.bearerToken() == null ? null : new BearerToken(options.bearerToken());
    this.slots = new Semaphore(options.threads());
    this.answerEveryPath = answerEveryPath;
  }

  /** The feed at {@code options.path()}, guarded by its token and limited to {@code options.threads()} at once. */
  public static EventFeedHandler of(EventFeed feed, FeedServerOptions options) {
    return new EventFeedHandler(feed, Objects.requireNonNull(options, "options"), false);
  }

  /** The handler of a server that serves nothing else: any other path is a 404, after authentication. */
  static EventFeedHandler standalone(EventFeed feed, FeedServerOptions options) {
    return new EventFeedHandler(feed, options, true);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String target = Request.getPathInContext(request);
    boolean ours = target.equals(path) || target.startsWith(path + "/");
    if (!ours && !answerEveryPath) {
      return false;
    }
    try {
      if (token != null && !request.getConnectionMetaData().getHttpConfiguration().isHeaderCacheCaseSensitive()) {
        LOG.error("The event feed refuses requests: its bearer token cannot be checked exactly on a connector whose"
            + " header cache ignores case; call HttpConfiguration.setHeaderCacheCaseSensitive(true)");
        throw new FeedRequestException(503, "misconfigured", "The event feed is misconfigured on the server");
      }
      if (token != null && !token.accepts(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"whizbang-feed\"");
        throw new FeedRequestException(401, "unauthorized", "This feed requires 'Authorization: Bearer <token>'"
            + " with the token configured on the server");
      }
      Route route = Route.of(target, path);
      if (route == null) {
        throw new FeedRequestException(404, "not_found", "No resource at '" + QueryParser.abbreviate(target)
            + "'; the event feed is at " + path);
      }
      if (!"GET".equals(request.getMethod())) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET");
        throw new FeedRequestException(405, "method_not_allowed", "Method " + QueryParser.abbreviate(
            request.getMethod()) + " is not allowed; the event feed is read with GET");
      }
      if (!slots.tryAcquire()) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
        throw new FeedRequestException(503, "busy", "The event feed is serving as many readers as it is configured"
            + " for; retry after " + RETRY_AFTER_SECONDS + " s");
      }
      try {
        serve(route, request.getHttpURI().getQuery(), response);
      } finally {
        slots.release();
      }
      callback.succeeded();
    } catch (FeedRequestException e) {
      reply(response, callback, e.status(), e.code(), e.getMessage());
    } catch (IOException e) {
      // Typically the reader went away or stopped reading for longer than the idle timeout.
      LOG.debug("Event feed reader went away: {}", e.toString());
      callback.failed(e);
    } catch (RuntimeException e) {
      LOG.error("Event feed request {} failed", request.getHttpURI().getPathQuery(), e);
      response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
      reply(response, callback, 503, "unavailable", "The event feed cannot be read right now; retry later");
    }
    return true;
  }

  private enum Route {
    EVENTS, HORIZON, COUNT;

    static Route of(String target, String path) {
      if (target.equals(path)) {
        return EVENTS;
      }
      if (target.equals(path + "/horizon")) {
        return HORIZON;
      }
      return target.equals(path + "/count") ? COUNT : null;
    }
  }

  private void serve(Route route, String query, Response response) throws IOException {
    switch (route) {
      case EVENTS -> serveEvents(query, response);
      case HORIZON -> {
        if (query != null && !query.isEmpty()) {
          throw new FeedRequestException(400, "unknown_parameter", "The horizon takes no query parameters");
        }
        long horizon = feed.horizon();
        writeJson(response, 200, json(g -> g.writeStringField("horizon", Long.toString(horizon))));
      }
      case COUNT -> {
        FeedCount count = feed.count(feed.parseCount(query));
        writeJson(response, 200, json(g -> {
          g.writeNumberField("count", count.count());
          g.writeBooleanField("settled", count.settled());
        }));
      }
    }
  }

  private void serveEvents(String query, Response response) throws IOException {
    FeedRequest request = feed.parse(query);
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, NDJSON);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    // A blocking stream: a reader that stops reading makes a write wait until the connection's idle timeout fails
    // it, and the feed's database connection is closed on the way out.
    try (OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 1 << 16)) {
      feed.write(request, out);
    }
  }

  private static void writeJson(Response response, int status, byte[] body) throws IOException {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    Content.Sink.write(response, true, ByteBuffer.wrap(body));
  }

  private static void reply(Response response, Callback callback, int status, String code, String message) {
    if (response.isCommitted()) {
      callback.failed(new IOException("Reply already started; the feed wrote an error line instead"));
      return;
    }
    try {
      byte[] body = json(g -> {
        g.writeStringField("error", code);
        g.writeStringField("message", message);
      });
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.write(true, ByteBuffer.wrap(body), callback);
    } catch (IOException e) {
      callback.failed(e);
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
}
