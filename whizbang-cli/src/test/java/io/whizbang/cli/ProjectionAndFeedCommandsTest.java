package io.whizbang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whizbang.cli.Cli.Result;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.projection.ProjectionEngine;
import io.whizbang.runtime.projection.RunningProjection;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed and projection commands against an owner service serving five deposits on its feed, and a projection
 * (on PostgreSQL) that folded them and stored its progress.
 */
class ProjectionAndFeedCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROJECTION = "balances";

  private static InMemoryTransport broker;
  private static OwnerService owner;
  private static CliDatabase db;
  private static ProjectionEngine engine;
  private static final CountingProjection projection = new CountingProjection();

  @BeforeAll
  static void foldFiveDeposits() throws InterruptedException {
    broker = new InMemoryTransport();
    owner = new OwnerService(TestDb.H2).relayTo(broker);
    List<Envelope> events = new ArrayList<>();
    for (int seq = 1; seq <= 5; seq++) {
      events.add(Deposits.deposited("acc-1", seq, 10));
    }
    owner.append("acc-1", 0, events);
    db = new CliDatabase();
    engine = ProjectionEngine.builder(db.storage(), broker)
        .registerDomain(Deposits.DOMAIN, ProjectionEngine.Source.feed(owner.feedUri())).build();
    runProjection();
  }

  private static void runProjection() throws InterruptedException {
    try (RunningProjection running = engine.start(projection)) {
      assertThat(running.awaitLive(Duration.ofSeconds(30))).isTrue();
    }
  }

  @AfterAll
  static void stop() {
    db.close();
    owner.close();
    broker.close();
  }

  @Test
  void feedHeadShowsTheFirstEventsAndWhereThePageEnded() throws Exception {
    Cli cli = Cli.offline();
    Result two = cli.exec("feed", "head", owner.feedUri().toString(), "--limit", "2");
    assertThat(two.exitCode()).as(two.toString()).isZero();
    assertThat(two.out()).containsPattern("CURSOR +WIRE NAME +MESSAGE ID +KEY +OCCURRED AT");
    assertThat(two.out().lines().filter(l -> l.contains(Deposits.DEPOSITED))).hasSize(2);
    assertThat(two.out()).containsPattern("end: limit, cursor \\d+\\.\\d+");

    JsonNode page = JSON.readTree(cli.exec("feed", "head", owner.feedUri().toString(), "--json").out());
    assertThat(page.get("events")).hasSize(5);
    assertThat(page.get("events").get(0).fieldNames()).toIterable()
        .containsExactly("cursor", "wireName", "messageId", "partitionKey", "occurredAt");
    assertThat(page.get("end").get("end").asText()).isEqualTo("head");

    String last = page.get("events").get(4).get("cursor").asText();
    Result after = cli.exec("feed", "head", owner.feedUri().toString(), "--after", last);
    assertThat(after.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(after.out()).contains("end: head");

    Result badCursor = cli.exec("feed", "head", owner.feedUri().toString(), "--after", "yesterday");
    assertThat(badCursor.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(badCursor.err()).contains("answered 400", "bad_cursor");
    Result notHttp = cli.exec("feed", "head", "ftp://example.org/events");
    assertThat(notHttp.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(notHttp.err()).contains("Invalid feed URL 'ftp://example.org/events': use http(s)://");
    Result down = cli.exec("feed", "head", "http://127.0.0.1:" + freePort() + "/events");
    assertThat(down.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(down.err()).startsWith("Cannot read the feed at http://127.0.0.1:");
  }

  @Test
  void projectionStatusResetAndRebuild() throws Exception {
    Cli cli = db.cli();
    Result status = cli.run("projection", "status");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out()).containsPattern("PROJECTION +CURSOR +UPDATED AT +APPLIED IDS +DEAD LETTERS")
        .containsPattern(PROJECTION + " +\\d+\\.\\d+ +20\\S+ +5 +0");
    JsonNode state = JSON.readTree(cli.run("projection", "status", "--json").out()).get("projections").get(0);
    assertThat(state.fieldNames()).toIterable()
        .containsExactly("projection", "cursor", "updatedAt", "appliedIds", "deadLetters");
    assertThat(state.get("appliedIds").asLong()).isEqualTo(5);

    assertThat(cli.run("projection", "reset", PROJECTION).exitCode()).isEqualTo(ExitCodes.NOT_CONFIRMED);
    Result reset = cli.run("projection", "reset", PROJECTION, "--yes");
    assertThat(reset.exitCode()).as(reset.toString()).isZero();
    JsonNode rewound = JSON.readTree(cli.run("projection", "status", "--json").out()).get("projections").get(0);
    assertThat(rewound.get("cursor").isNull()).isTrue();
    assertThat(rewound.get("appliedIds").asLong()).isEqualTo(5);
    // Rewound: the next start reads the feed again and skips what it holds the ids of.
    int before = projection.applied.get();
    runProjection();
    assertThat(projection.applied.get()).isEqualTo(before);

    Result rebuild = cli.answering("y").run("projection", "rebuild", PROJECTION);
    assertThat(rebuild.exitCode()).as(rebuild.toString()).isZero();
    assertThat(cli.prompts).singleElement().asString().contains("its read model must be cleared by the service");
    Result gone = cli.run("projection", "status");
    assertThat(gone.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    // Forgotten: the next start applies the whole history again.
    runProjection();
    assertThat(projection.applied.get()).isEqualTo(before + 5);
    assertThat(cli.run("projection", "reset", "no-such-projection", "--yes").exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Counts the deposits it is handed. */
  static final class CountingProjection implements ProjectionDispatcher {
    final AtomicInteger applied = new AtomicInteger();

    @Override
    public String projectionName() {
      return PROJECTION;
    }

    @Override
    public String sourceDomain() {
      return Deposits.DOMAIN;
    }

    @Override
    public String handlerName() {
      return "CountingProjection";
    }

    @Override
    public Set<String> wireNames() {
      return Set.of(Deposits.DEPOSITED);
    }

    @Override
    public void dispatch(Envelope envelope, HandlerContext context) {
      applied.incrementAndGet();
    }
  }
}
