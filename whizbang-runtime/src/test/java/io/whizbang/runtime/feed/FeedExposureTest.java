package io.whizbang.runtime.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the feed serves, to whom, and what it says when it is exposed carelessly. */
class FeedExposureTest {
  private static final String TOKEN = "exp0sure-token";

  @Test
  void withoutTypesOnlyTheConfiguredTypesAreServed() throws Exception {
    // The feed serves deposits only; an account closing is an internal event of the owner.
    try (OwnerService owner = new OwnerService(TestDb.H2, Set.of(Deposits.DEPOSITED), FeedServerOptions.defaults(),
        feed -> feed)) {
      owner.append("acc-1", 0, List.of(Deposits.deposited("acc-1", 1, 10), Deposits.closed("acc-1", 2)));
      List<String> lines = Http.lines(Http.get(URI.create(owner.feedUri() + "?stream=true")));
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).contains("\"type\":\"bank.Deposited\"");
      assertThat(String.join("\n", lines)).doesNotContain(Deposits.CLOSED);
      assertThat(Http.lines(Http.get(URI.create(owner.feedUri() + "?limit=5")))).hasSize(2);
      String upTo = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(lines.get(1))
          .path("cursor").asText();
      HttpResponse<String> count = Http.get(URI.create(owner.feedUri() + "/count?after=0.0&upto=" + upTo));
      assertThat(count.body()).contains("\"count\":1");
      // Asking for the internal type by name is refused, as before.
      assertThat(Http.get(URI.create(owner.feedUri() + "?types=" + Deposits.CLOSED)).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void aFeedWithoutTypesIsAConfigurationError() {
    try (StorageFixture fixture = StorageFixture.create(TestDb.H2)) {
      assertThatThrownBy(() -> EventFeed.builder(fixture.storage()).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("An event feed serves only the event types it is configured with, and none were given: add"
              + " modules(...) that own event types, or wireNames(...)");
    }
  }

  @Test
  void anUnknownPathIsUnauthorisedBeforeItIsNotFound() throws Exception {
    try (OwnerService owner = new OwnerService(TestDb.H2, FeedServerOptions.defaults().bearerToken(TOKEN))) {
      String root = owner.feedUri().toString().replace("/events", "");
      for (String path : List.of("/", "/admin", "/events/everything", "/events/horizon/x")) {
        HttpResponse<String> anonymous = Http.get(URI.create(root + path));
        assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\":\"unauthorized\"").doesNotContain("/events");
        HttpResponse<String> authorised = Http.get(URI.create(root + path), "Authorization", "Bearer " + TOKEN);
        assertThat(authorised.statusCode()).as(path).isEqualTo(404);
      }
    }
  }

  @Test
  void loopbackStartsWithoutWarnings() {
    try (OwnerService owner = new OwnerService(TestDb.H2)) {
      assertThat(owner.server().warnings()).isEmpty();
    }
  }

  @Test
  void allInterfacesWithoutTokenOrTlsWarnsOfBoth() throws Exception {
    FeedServerOptions options = FeedServerOptions.defaults().bindAddress(InetAddress.getByName("0.0.0.0"));
    try (OwnerService owner = new OwnerService(TestDb.H2, options)) {
      assertThat(owner.server().warnings()).containsExactly(
          "The event feed listens on 0.0.0.0, beyond loopback, without a bearer token: any host that reaches this"
              + " port reads every event it serves. Set FeedServerOptions.bearerToken.",
          "The event feed listens on 0.0.0.0, beyond loopback, without TLS: events cross the network in clear text."
              + " Set FeedServerOptions.tls.");
    }
  }

  @Test
  void allInterfacesWithATokenButWithoutTlsWarnsThatTheTokenTravelsInClear() throws Exception {
    FeedServerOptions options = FeedServerOptions.defaults().bindAddress(InetAddress.getByName("0.0.0.0"))
        .bearerToken(TOKEN);
    try (OwnerService owner = new OwnerService(TestDb.H2, options)) {
      assertThat(owner.server().warnings()).containsExactly(
          "The event feed listens on 0.0.0.0, beyond loopback, without TLS: events and the bearer token cross the"
              + " network in clear text. Set FeedServerOptions.tls.");
    }
  }

  @Test
  void allInterfacesWithATokenAndTlsStartsWithoutWarnings(@TempDir Path dir) throws Exception {
    TestCertificate certificate = TestCertificate.generate(dir);
    FeedServerOptions options = FeedServerOptions.defaults().bindAddress(InetAddress.getByName("0.0.0.0"))
        .bearerToken(TOKEN).tls(certificate.pkcs12(), TestCertificate.PASSWORD);
    try (OwnerService owner = new OwnerService(TestDb.H2, options)) {
      assertThat(owner.server().warnings()).isEmpty();
    }
  }

  @Test
  void badLimitsAreRefusedWithTheirRange() {
    assertThatThrownBy(() -> FeedServerOptions.defaults().idleTimeout(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idleTimeout must be between 100 ms and 1 hour, was PT0.01S");
    assertThatThrownBy(() -> FeedServerOptions.defaults().maxConnections(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConnections must be between threads (16) and 100000, was 4");
    assertThatThrownBy(() -> FeedServerOptions.defaults().threads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be between 1 and 256, was 0");
  }

  @Test
  void oversizedRequestHeadersAreRefused() {
    try (OwnerService owner = new OwnerService(TestDb.H2)) {
      HttpResponse<String> response = Http.get(owner.feedUri(), "X-Padding", "p".repeat(10_000));
      assertThat(response.statusCode()).isEqualTo(431);
      assertThat(response.body()).doesNotContain("bank.");
    }
  }

  @Test
  void aMalformedRequestIsA400ThatNamesNoServerSoftware() throws Exception {
    try (OwnerService owner = new OwnerService(TestDb.H2);
        java.net.Socket socket = new java.net.Socket("127.0.0.1", owner.server().port())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write("GET /events HTTP/1.1 trailing junk\r\n\r\n".getBytes(
          java.nio.charset.StandardCharsets.US_ASCII));
      String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(reply).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("jetty").doesNotContain("\tat ");
    }
  }

  @Test
  void optionsNeverPrintTheToken() {
    assertThat(FeedServerOptions.defaults().bearerToken(TOKEN).toString()).doesNotContain(TOKEN)
        .contains("bearer token");
  }
}
