package io.whizbang.runtime.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed server certificate for 127.0.0.1 and localhost, made by the JDK's own {@code keytool} (the JDK has no
 * public API to create one), in a PKCS#12 file; and client TLS contexts that trust it.
 */
public final class TestCertificate {
  public static final char[] PASSWORD = "feed-test-pw".toCharArray();

  private final Path pkcs12;

  private TestCertificate(Path pkcs12) {
    this.pkcs12 = pkcs12;
  }

  /** Generates a new key pair and certificate in {@code dir}/feed.p12. */
  public static TestCertificate generate(Path dir) throws IOException, InterruptedException {
    Path file = dir.resolve("feed.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "feed",
        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", file.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    return new TestCertificate(file);
  }

  /** The PKCS#12 file holding the server's key and certificate. */
  public Path pkcs12() {
    return pkcs12;
  }

  /** Writes a PKCS#12 file holding only the certificate, no key: what a server cannot use. */
  public Path certificateOnly(Path dir) throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("feed", certificate());
    Path file = dir.resolve("certificate-only.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      trust.store(out, PASSWORD);
    }
    return file;
  }

  /** A client context that trusts this certificate (and nothing else). */
  public SSLContext trustingClient() throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("feed", certificate());
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private Certificate certificate() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pkcs12)) {
      store.load(in, PASSWORD);
    }
    return store.getCertificate("feed");
  }
}
