package io.whizbang.runtime.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** The feed mounted in a service's own Jetty server, next to the service's handlers. */
class EventFeedHandlerMountTest {
  private static final String TOKEN = "m0unted-token";

  /** The service's own handler: answers every path it is given. */
  private static final class ServiceHandler extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      response.setStatus(200);
      Content.Sink.write(response, true, "service:" + Request.getPathInContext(request), callback);
      return true;
    }
  }

  private static Server serviceServer(EventFeedHandler feed, boolean caseSensitiveHeaderCache) throws Exception {
    Server server = new Server();
    HttpConfiguration config = new HttpConfiguration();
    config.setHeaderCacheCaseSensitive(caseSensitiveHeaderCache);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(new Handler.Sequence(feed, new ServiceHandler()));
    server.start();
    return server;
  }

  private static String base(Server server) {
    return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @Test
  void servesTheFeedAtItsPathAndLeavesOtherPathsToTheService() throws Exception {
    try (StorageFixture fixture = StorageFixture.create(TestDb.H2)) {
      EventFeed feed = EventFeed.builder(fixture.storage()).wireNames(List.of(Deposits.DEPOSITED)).build();
      Server server = serviceServer(EventFeedHandler.of(feed, FeedServerOptions.defaults().path("/history/events")
          .bearerToken(TOKEN)), true);
      try {
        String base = base(server);
        HttpResponse<String> events = Http.get(URI.create(base + "/history/events?stream=true"),
            "Authorization", "Bearer " + TOKEN);
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(Http.lines(events)).hasSize(1).first().asString().contains("\"end\":\"head\"");
        assertThat(Http.get(URI.create(base + "/history/events")).statusCode()).isEqualTo(401);
        HttpResponse<String> other = Http.get(URI.create(base + "/orders/42"));
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo("service:/orders/42");
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void refusesToCheckATokenOnAConnectorWhoseHeaderCacheIgnoresCase() throws Exception {
    try (StorageFixture fixture = StorageFixture.create(TestDb.H2)) {
      EventFeed feed = EventFeed.builder(fixture.storage()).wireNames(List.of(Deposits.DEPOSITED)).build();
      Server server = serviceServer(EventFeedHandler.of(feed, FeedServerOptions.defaults().bearerToken(TOKEN)),
          false);
      try {
        HttpResponse<String> response = Http.get(URI.create(base(server) + "/events"),
            "Authorization", "Bearer " + TOKEN);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"error\":\"misconfigured\"");
      } finally {
        server.stop();
      }
    }
  }
}
