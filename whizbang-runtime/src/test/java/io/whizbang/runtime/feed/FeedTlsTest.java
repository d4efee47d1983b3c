package io.whizbang.runtime.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.internal.feedclient.BackfillReader;
import io.whizbang.runtime.internal.feedclient.FeedEvent;
import io.whizbang.runtime.internal.feedclient.FeedSink;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.EventCursor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feed over HTTPS, with a certificate generated for the test. */
class FeedTlsTest {
  private static final String TOKEN = "tls-t0ken";

  @TempDir
  static Path dir;
  private static TestCertificate certificate;

  @BeforeAll
  static void generateCertificate() throws Exception {
    certificate = TestCertificate.generate(dir);
  }

  private static List<UUID> append(OwnerService owner, int events) {
    List<Envelope> batch = new ArrayList<>();
    for (int i = 1; i <= events; i++) {
      batch.add(Deposits.deposited("acc-tls", i, i));
    }
    return owner.append("acc-tls", 0, batch).stream().map(e -> e.envelope().messageId()).toList();
  }

  private static final class Collector implements FeedSink {
    final List<UUID> ids = new ArrayList<>();

    @Override
    public void onEvent(FeedEvent event) {
      ids.add(event.envelope().messageId());
    }
  }

  @Test
  void backfillReadsEveryEventOverHttpsFromAPkcs12File() throws Exception {
    FeedServerOptions options = FeedServerOptions.defaults().bearerToken(TOKEN)
        .tls(certificate.pkcs12(), TestCertificate.PASSWORD);
    try (OwnerService owner = new OwnerService(TestDb.H2, options)) {
      assertThat(owner.feedUri().getScheme()).isEqualTo("https");
      List<UUID> expected = append(owner, 300);
      BackfillReader reader = BackfillReader.builder(owner.feedUri()).bearerToken(TOKEN)
          .sslContext(certificate.trustingClient()).build();
      Collector sink = new Collector();
      EventCursor end = reader.readToHead(EventCursor.START, null, Set.of(), reader.horizon(), sink);
      assertThat(sink.ids).containsExactlyElementsOf(expected);
      assertThat(end).isNotEqualTo(EventCursor.START);
    }
  }

  @Test
  void servesHttpsFromAnSslContext() throws Exception {
    SSLContext server = FeedTls.fromPkcs12(certificate.pkcs12(), TestCertificate.PASSWORD);
    try (OwnerService owner = new OwnerService(TestDb.H2, FeedServerOptions.defaults().tls(server))) {
      append(owner, 3);
      HttpClient client = HttpClient.newBuilder().sslContext(certificate.trustingClient()).build();
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(owner.feedUri()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body().lines()).hasSize(4);
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
    FeedServerOptions options = FeedServerOptions.defaults().tls(certificate.pkcs12(), TestCertificate.PASSWORD);
    try (OwnerService owner = new OwnerService(TestDb.H2, options)) {
      append(owner, 1);
      // The JVM's default trust store does not hold a certificate made a moment ago.
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(owner.feedUri()).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
      BackfillReader reader = BackfillReader.builder(owner.feedUri()).maxAttempts(1).build();
      assertThatThrownBy(reader::horizon).satisfies(e -> assertThat(causes(e))
          .anyMatch(SSLHandshakeException.class::isInstance));
    }
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  @Test
  void plainHttpToTheHttpsPortGetsNoEvents() throws Exception {
    FeedServerOptions options = FeedServerOptions.defaults().tls(certificate.pkcs12(), TestCertificate.PASSWORD);
    try (OwnerService owner = new OwnerService(TestDb.H2, options);
        Socket socket = new Socket("127.0.0.1", owner.server().port())) {
      append(owner, 1);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String reply;
      try {
        reply = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      } catch (IOException reset) {
        reply = "";
      }
      assertThat(reply).doesNotContain("bank.Deposited");
    }
  }

  @Test
  void aMissingKeyStoreIsACleanError() {
    Path missing = dir.resolve("nowhere.p12");
    assertThatThrownBy(() -> FeedServerOptions.defaults().tls(missing, TestCertificate.PASSWORD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The feed's TLS key store " + missing + " does not exist");
  }

  @Test
  void aWrongPasswordIsACleanError() {
    assertThatThrownBy(() -> FeedServerOptions.defaults().tls(certificate.pkcs12(), "wrong".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The password of the feed's TLS key store " + certificate.pkcs12() + " is wrong");
  }

  @Test
  void aKeyStoreWithoutAKeyIsACleanError() throws Exception {
    Path certificateOnly = certificate.certificateOnly(dir);
    assertThatThrownBy(() -> FeedServerOptions.defaults().tls(certificateOnly, TestCertificate.PASSWORD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The feed's TLS key store " + certificateOnly + " holds no private key; it needs the server's key"
            + " and certificate chain");
  }

  @Test
  void aFileThatIsNotPkcs12IsACleanError() throws Exception {
    Path pem = Files.writeString(dir.resolve("feed.pem"), "-----BEGIN CERTIFICATE-----\nnot really\n");
    assertThatThrownBy(() -> FeedServerOptions.defaults().tls(pem, TestCertificate.PASSWORD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The feed's TLS key store " + pem + " cannot be read as PKCS#12");
  }
}
