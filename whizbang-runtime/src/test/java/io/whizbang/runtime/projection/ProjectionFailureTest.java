package io.whizbang.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.projection.AccountsProjection.Account;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An event the projection cannot apply stops it with an error that names the event, never a silent skip: the state
 * holds everything before the event and nothing after it, and once the cause is fixed a new start applies the event
 * and the rest, each once and in order.
 */
class ProjectionFailureTest {
  private static final String BROKEN = "relation \"ledger\" does not exist";

  private final InMemoryTransport broker = new InMemoryTransport();
  private final List<ProjectionProgress> reports = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final String name = "accounts-" + UUID.randomUUID().toString().substring(0, 8);
  private OwnerService owner;
  private AccountsProjection accounts;
  private StorageFixture projectionDb;

  private void start(TestDb db) {
    owner = new OwnerService(db).relayTo(broker);
    open.add(owner);
    projectionDb = StorageFixture.create(db);
    open.add(projectionDb);
    accounts = new AccountsProjection(projectionDb.storage());
  }

  @BeforeEach
  void clear() {
    reports.clear();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    broker.close();
  }

  private RunningProjection startProjection() {
    RunningProjection running = ProjectionEngine.builder(projectionDb.storage(), broker)
        .registerDomain(Deposits.DOMAIN, ProjectionEngine.Source.feed(owner.feedUri()))
        .retry(3, Duration.ofMillis(1), Duration.ofMillis(5))
        .progressListener(reports::add)
        .build()
        .start(new AccountsProjection_Dispatcher(accounts, name));
    open.add(running);
    return running;
  }

  private void deposit(String account, long from, int count) {
    List<Envelope> events = new ArrayList<>();
    for (long seq = from; seq < from + count; seq++) {
      events.add(Deposits.deposited(account, seq, 10));
    }
    owner.append(account, from - 1, events);
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void anEventThatFailsInTheBackfillStopsTheProjectionAtThatEvent(TestDb db) throws Exception {
    start(db);
    deposit("acc-0", 1, 5);
    deposit("acc-bad", 1, 3);
    deposit("acc-1", 1, 5);
    owner.fixture().awaitReadFence();
    accounts.failAccount = "acc-bad";
    // A handler's own SQL failing, as it would on a read model table that is missing.
    accounts.failOn = new SQLException(BROKEN, "42P01");

    RunningProjection failing = startProjection();
    assertThatThrownBy(() -> failing.awaitLive(Duration.ofSeconds(30)))
        .isInstanceOf(ProjectionFailedException.class)
        .hasMessageStartingWith("Projection '" + name + "' could not apply Envelope[bank.Deposited ")
        .hasMessageContaining("key=acc-bad] at cursor ")
        .hasMessageEndingWith(" after 3 attempts: Transaction failed: " + BROKEN)
        .hasRootCauseMessage(BROKEN);
    awaitFailedReport();
    assertThat(failing.phase()).isEqualTo(RunningProjection.Phase.FAILED);
    assertThat(failing.failure()).isInstanceOf(ProjectionFailedException.class);
    // Everything before the event, nothing from it on: not skipped, and no later event slipped past it.
    assertThat(accounts.accounts()).containsOnlyKeys("acc-0");
    assertThat(failing.progress().backfilled()).isEqualTo(5);
    failing.close();
    assertThat(failing.phase()).isEqualTo(RunningProjection.Phase.FAILED);

    accounts.failOn = null; // the fix
    RunningProjection fixed = startProjection();
    assertThat(fixed.awaitLive(Duration.ofSeconds(30))).isTrue();
    assertThat(accounts.accounts()).containsOnly(
        Map.entry("acc-0", new Account(5, 5, 50, 0)),
        Map.entry("acc-bad", new Account(3, 3, 30, 0)),
        Map.entry("acc-1", new Account(5, 5, 50, 0)));
    assertThat(accounts.applications()).hasSize(13).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void anEventThatFailsLiveStopsTheProjectionAtThatEvent(TestDb db) throws Exception {
    start(db);
    RunningProjection failing = startProjection();
    assertThat(failing.awaitLive(Duration.ofSeconds(30))).isTrue();
    accounts.failAccount = "acc-bad";
    accounts.failOn = new IllegalStateException(BROKEN);
    deposit("acc-0", 1, 3);
    deposit("acc-bad", 1, 2);

    awaitFailedReport();
    assertThat(failing.phase()).isEqualTo(RunningProjection.Phase.FAILED);
    assertThat(failing.failure())
        .isInstanceOf(ProjectionFailedException.class)
        .hasMessageStartingWith("Projection '" + name + "' could not apply Envelope[bank.Deposited ")
        .hasMessageContaining("key=acc-bad] received live after 3 attempts: " + BROKEN)
        .hasRootCauseMessage(BROKEN);
    assertThat(accounts.accounts()).doesNotContainKey("acc-bad");
    failing.close();
    deposit("acc-bad", 3, 1); // written while the projection is down

    accounts.failOn = null; // the fix
    RunningProjection fixed = startProjection();
    assertThat(fixed.awaitLive(Duration.ofSeconds(30))).isTrue();
    awaitApplied(6);
    assertThat(accounts.accounts()).containsOnly(
        Map.entry("acc-0", new Account(3, 3, 30, 0)),
        Map.entry("acc-bad", new Account(3, 3, 30, 0)));
    assertThat(accounts.applications()).hasSize(6).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
  }

  /** The progress listener is how an application learns of the failure (a health check, an alert). */
  private void awaitFailedReport() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (reports.stream().noneMatch(p -> p.phase() == RunningProjection.Phase.FAILED) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(reports).extracting(ProjectionProgress::phase).contains(RunningProjection.Phase.FAILED);
  }

  private void awaitApplied(long events) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (accounts.eventsApplied() < events && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
