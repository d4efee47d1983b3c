package io.whizbang.benchmarks.feed;

import io.whizbang.benchmarks.harness.Alternating;
import io.whizbang.benchmarks.harness.Postgres;
import io.whizbang.benchmarks.harness.Report;
import io.whizbang.runtime.feed.EventFeed;
import io.whizbang.runtime.feed.EventFeedServer;
import io.whizbang.runtime.feed.FeedServerOptions;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.storage.SqlStorage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Backfill over HTTPS against the same backfill over plain HTTP: two {@link EventFeedServer}s on the same event
 * store, one with TLS (a self-signed certificate made by the JDK's {@code keytool}), whole backfills alternating
 * between them so that both see the same machine load, after one untimed backfill of each.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.feed.FeedTlsBenchmark --events=100000</pre>
 */
public final class FeedTlsBenchmark {
  private static final char[] PASSWORD = "bench-pw".toCharArray();

  private FeedTlsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Report.quietLogs();
    int events = Report.intArg(args, "events", 100_000);
    int rounds = Report.intArg(args, "rounds", 6);
    int warmups = Report.intArg(args, "warmups", 1);
    String owner = Postgres.uniquePrefix("feedtls");
    MessageType<AmountDeposited> type = FeedBenchmark.type();
    Path dir = Files.createTempDirectory("feed-tls-bench");
    try {
      Path pkcs12 = certificate(dir);
      SqlStorage storage = SqlStorage.builder(Postgres.dataSource()).tablePrefix(owner).build();
      storage.migrate();
      long expectedTotal = FeedBenchmark.fill(storage, type, events);
      EventFeed feed = EventFeed.builder(storage).wireNames(List.of(type.wireName())).build();
      SSLContext client = trusting(pkcs12);
      try (EventFeedServer plain = EventFeedServer.start(0, feed, FeedServerOptions.defaults());
          EventFeedServer tls = EventFeedServer.start(0, feed, FeedServerOptions.defaults().tls(pkcs12, PASSWORD))) {
        // Untimed: the first backfill of each arm compiles its code paths (TLS's more than plain HTTP's), a cost a
        // running service pays once, not per backfill.
        for (int i = 0; i < warmups; i++) {
          FeedBenchmark.http(tls, client, type, events, expectedTotal);
          FeedBenchmark.http(plain, null, type, events, expectedTotal);
        }
        double[] r = Alternating.rates("backfill of " + events + " events", rounds, 0,
            nanos -> FeedBenchmark.http(tls, client, type, events, expectedTotal),
            nanos -> FeedBenchmark.http(plain, null, type, events, expectedTotal));
        Report.ratio("backfill over HTTPS vs over HTTP", r[0], r[1], "events/s", 0.8);
      }
    } finally {
      Postgres.dropTables(owner);
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  private static Path certificate(Path dir) throws Exception {
    Path file = dir.resolve("feed.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "feed", "-keyalg", "EC",
        "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost", "-ext",
        "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", file.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    return file;
  }

  private static SSLContext trusting(Path pkcs12) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pkcs12)) {
      keys.load(in, PASSWORD);
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("feed", keys.getCertificate("feed"));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
