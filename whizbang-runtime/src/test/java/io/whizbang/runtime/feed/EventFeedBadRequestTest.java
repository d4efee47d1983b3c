package io.whizbang.runtime.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refusal of the feed is a 4xx with a JSON error body that says what to change, never a 500. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventFeedBadRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "s3cret-token";

  private OwnerService open;
  private OwnerService guarded;

  @BeforeAll
  void start() {
    open = new OwnerService(TestDb.H2);
    open.append("acc-1", 0, List.of(Deposits.deposited("acc-1", 1, 10)));
    guarded = new OwnerService(TestDb.H2, FeedServerOptions.defaults().bearerToken(TOKEN));
  }

  @AfterAll
  void stop() {
    open.close();
    guarded.close();
  }

  private HttpResponse<String> get(String pathAndQuery) {
    return Http.get(URI.create(open.feedUri().toString().replace("/events", "") + pathAndQuery));
  }

  private static JsonNode error(HttpResponse<String> response, int status, String code) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("error").asText()).isEqualTo(code);
    assertThat(body.path("message").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
    return body;
  }

  @Test
  void unknownTypeNameIsRefusedWithTheKnownNames() throws Exception {
    JsonNode body = error(get("/events?types=bank.Deposited,bank.Withdrawn"), 400, "unknown_type");
    assertThat(body.path("message").asText()).contains("bank.Withdrawn").contains("bank.AccountClosed")
        .doesNotContain("bank.Deposited,");
  }

  @Test
  void typeFilterTextNeverReachesSql() throws Exception {
    error(get("/events?types=" + java.net.URLEncoder.encode("x') or 1=1; drop table t; --",
        java.nio.charset.StandardCharsets.UTF_8)), 400, "unknown_type");
    assertThat(Http.lines(get("/events?stream=true"))).hasSize(2); // the table and its event are still there
  }

  @Test
  void emptyTypeNameIsRefused() throws Exception {
    error(get("/events?types=bank.Deposited,,"), 400, "bad_types");
    error(get("/events?types="), 400, "bad_types");
  }

  @Test
  void horizonIsReadWithGetOnly() throws Exception {
    error(Http.send(HttpRequest.newBuilder(URI.create(open.feedUri() + "/horizon"))
        .DELETE()), 405, "method_not_allowed");
  }

  @Test
  void pointInTimeWithoutZoneIsRefused() throws Exception {
    error(get("/events?from=2026-01-31T12:00:00"), 400, "bad_from");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "12", "1.x", "-1.2", ".5", "99999999999999999999.1"})
  void malformedCursorIsRefused(String cursor) throws Exception {
    JsonNode body = error(get("/events?after=" + cursor), 400, "bad_cursor");
    assertThat(body.path("message").asText()).contains("cursor");
  }

  @Test
  void emptyCursorIsRefused() throws Exception {
    error(get("/events?after="), 400, "bad_cursor");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "5001", "1e3", "ten", "99999999999"})
  void pageSizeOutOfBoundsIsRefused(String limit) throws Exception {
    JsonNode body = error(get("/events?limit=" + limit), 400, "bad_limit");
    assertThat(body.path("message").asText()).contains("5000");
  }

  @Test
  void limitWithStreamIsRefused() throws Exception {
    error(get("/events?stream=true&limit=10"), 400, "bad_limit");
  }

  @Test
  void malformedStreamFlagIsRefused() throws Exception {
    error(get("/events?stream=yes"), 400, "bad_stream");
  }

  @Test
  void malformedPointInTimeIsRefused() throws Exception {
    JsonNode body = error(get("/events?from=yesterday"), 400, "bad_from");
    assertThat(body.path("message").asText()).contains("ISO-8601");
  }

  @Test
  void unknownParameterIsRefused() throws Exception {
    JsonNode body = error(get("/events?afer=1.2"), 400, "unknown_parameter");
    assertThat(body.path("message").asText()).contains("afer");
  }

  @Test
  void repeatedParameterIsRefused() throws Exception {
    error(get("/events?limit=10&limit=20"), 400, "duplicate_parameter");
  }

  @Test
  void brokenUrlEncodingIsRefused() throws Exception {
    // java.net.URI refuses to build such a URL: send the request line by hand.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", open.server().port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /events?types=bank.Deposited%2C%zz HTTP/1.1\r\nHost: localhost\r\n"
          + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      // Refused with a 400 (by the server's parser or by the feed's), without a trace.
      assertThat(reply).startsWith("HTTP/1.1 400").doesNotContain("\tat ").doesNotContain("java.");
    }
  }

  @Test
  void brokenUrlEncodingIsRefusedByTheFeedMountedElsewhere() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> open.feed().parse("types=%zz"))
        .isInstanceOfSatisfying(FeedRequestException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.code()).isEqualTo("bad_query");
        });
  }

  @Test
  void wrongMethodIsRefused() throws Exception {
    HttpResponse<String> response = Http.send(HttpRequest.newBuilder(open.feedUri())
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    error(response, 405, "method_not_allowed");
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void unknownPathIsRefused() throws Exception {
    error(get("/events/everything"), 404, "not_found");
    error(get("/"), 404, "not_found");
  }

  @Test
  void horizonTakesNoParameters() throws Exception {
    error(get("/events/horizon?x=1"), 400, "unknown_parameter");
  }

  @Test
  void requestWithoutTokenIsUnauthorised() throws Exception {
    HttpResponse<String> response = Http.get(guarded.feedUri());
    error(response, 401, "unauthorized");
    assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
  }

  @Test
  void requestWithWrongTokenIsUnauthorised() throws Exception {
    error(Http.get(guarded.feedUri(), "Authorization", "Bearer s3cret-tokeN"), 401, "unauthorized");
    error(Http.get(guarded.feedUri(), "Authorization", "Basic czNjcmV0LXRva2Vu"), 401, "unauthorized");
    error(Http.get(URI.create(guarded.feedUri() + "/horizon")), 401, "unauthorized");
  }

  @Test
  void unauthorisedRequestIsRefusedBeforeItsQueryIsRead() throws Exception {
    // Without the token a caller learns nothing about the feed, not even which type names it knows.
    JsonNode body = error(Http.get(URI.create(guarded.feedUri() + "?types=bank.Withdrawn&limit=0")), 401,
        "unauthorized");
    assertThat(body.path("message").asText()).doesNotContain("bank.");
    error(Http.send(HttpRequest.newBuilder(guarded.feedUri()).POST(HttpRequest.BodyPublishers.ofString("{}"))), 401,
        "unauthorized");
  }

  @Test
  void tokenAfterAnotherSchemeOrWithoutSchemeIsUnauthorised() throws Exception {
    error(Http.get(guarded.feedUri(), "Authorization", TOKEN), 401, "unauthorized");
    error(Http.get(guarded.feedUri(), "Authorization", "Token " + TOKEN), 401, "unauthorized");
    error(Http.get(guarded.feedUri(), "Authorization", "Bearer"), 401, "unauthorized");
    error(Http.get(guarded.feedUri(), "Authorization", "Bearer "
        + TOKEN.substring(0, TOKEN.length() - 1)), 401, "unauthorized");
  }

  @Test
  void bearerSchemeIsCaseInsensitive() {
    HttpResponse<String> response = Http.get(URI.create(guarded.feedUri() + "?stream=true"),
        "Authorization", "bearer " + TOKEN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void requestWithTheTokenIsServed() {
    HttpResponse<String> response = Http.get(URI.create(guarded.feedUri() + "?stream=true"),
        "Authorization", "Bearer " + TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.lines(response)).hasSize(1).first().asString().contains("\"end\":\"head\"");
  }

  @Test
  void databaseFailureIsAnErrorLineNotAStackTrace() throws Exception {
    try (OwnerService broken = new OwnerService(TestDb.H2)) {
      broken.fixture().execute("drop table " + StorageInternals.tables(broken.fixture().storage()).events());
      HttpResponse<String> response = Http.get(URI.create(broken.feedUri() + "?stream=true"));
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode end = JSON.readTree(Http.lines(response).get(0));
      assertThat(end.path("end").asText()).isEqualTo("error");
      assertThat(end.path("cursor").asText()).isEqualTo("0.0");
      assertThat(response.body()).doesNotContain("Exception").doesNotContain("SQL");
    }
  }
}
