package io.whizbang.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.aggregate.AggregateRepository;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.generated.MessageVersions;
import io.whizbang.runtime.projection.AccountsProjection.Account;
import io.whizbang.runtime.projection.ProjectionEngine.UndecodableEventPolicy;
import io.whizbang.runtime.projection.VersionedDeposits.Balance;
import io.whizbang.runtime.projection.VersionedDeposits.BalanceType;
import io.whizbang.runtime.projection.VersionedDeposits.Deposit;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.StoredEvent;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event store on PostgreSQL holding version-1 deposits (written as version-1 envelopes, without a version
 * header), read by code that knows version 2 and its upcaster: an aggregate's replay, a projection's backfill from
 * the feed and its live consumption all see version-2 values (cents, 100 per unit). A version newer than the code
 * knows is refused with a reason, never read as if it were the current one.
 */
class UpcastingTest {
  private final InMemoryTransport broker = new InMemoryTransport();
  private final String name = "upcasting-" + UUID.randomUUID().toString().substring(0, 8);
  private OwnerService owner;
  private StorageFixture projectionDb;
  private AccountsProjection accounts;

  @BeforeEach
  void start() {
    owner = new OwnerService(TestDb.POSTGRES).relayTo(broker);
    projectionDb = StorageFixture.create(TestDb.POSTGRES);
    accounts = new AccountsProjection(projectionDb.storage());
  }

  @AfterEach
  void stop() throws Exception {
    projectionDb.close();
    owner.close();
    broker.close();
  }

  @Test
  void anAggregateReplaysVersionOneEventsAsVersionTwoAndSavesVersionTwo() {
    AggregateRepository<Balance> balances = new AggregateRepository<>(owner.fixture().storage(), new BalanceType());
    String account = "agg-" + UUID.randomUUID();
    owner.append(new BalanceType().streamId(account), 0,
        List.of(Deposits.deposited(account, 1, 10), Deposits.deposited(account, 2, 5)));

    assertThat(balances.load(account).state()).isEqualTo(new Balance(account, 1500, 2));

    balances.save(balances.load(account).raise(new Deposit(account, 3, 250)));
    StoredEvent saved = owner.store().readStream(owner.fixture().connection(), new BalanceType().streamId(account))
        .get(2);
    assertThat(saved.envelope().headers()).containsEntry(MessageVersions.HEADER, "2");
    assertThat(new String(saved.envelope().payload(), StandardCharsets.UTF_8)).contains("\"cents\":250");
    assertThat(balances.load(account).state()).isEqualTo(new Balance(account, 1750, 3));
  }

  @Test
  void aProjectionSeesVersionTwoValuesFromTheFeedAndLive() throws Exception {
    owner.append("acc-1", 0, List.of(Deposits.deposited("acc-1", 1, 10), Deposits.deposited("acc-1", 2, 20)));
    owner.fixture().awaitReadFence();

    try (RunningProjection running = engine(UndecodableEventPolicy.STOP).start(versionedDispatcher())) {
      assertThat(running.awaitLive(Duration.ofSeconds(30))).isTrue();
      assertThat(accounts.accounts()).containsOnly(Map.entry("acc-1", new Account(2, 2, 3000, 0)));

      // Live: a version-1 event and a version-2 one (what the new code writes), through the broker.
      owner.append("acc-1", 2, List.of(Deposits.deposited("acc-1", 3, 1), versionTwo("acc-1", 4, 7)));
      Await.until(() -> accounts.eventsApplied() == 4, "the live deposits applied");
      assertThat(accounts.accounts()).containsOnly(Map.entry("acc-1", new Account(4, 4, 3107, 0)));
    }
  }

  @Test
  void aNewerVersionIsParkedWithItsReasonNeverMisread() throws Exception {
    ProjectionEngine engine = engine(UndecodableEventPolicy.PARK);
    AccountsProjection_Dispatcher dispatcher = versionedDispatcher();
    try (RunningProjection running = engine.start(dispatcher)) {
      assertThat(running.awaitLive(Duration.ofSeconds(30))).isTrue();

      owner.append("acc-2", 0, List.of(withVersion(Deposits.deposited("acc-2", 1, 10), "3"),
          Deposits.deposited("acc-2", 2, 10)));
      Await.until(() -> running.progress().parked() == 1 && accounts.eventsApplied() == 1,
          "the newer event parked and the next one applied");

      List<DeadLetter> letters = engine.deadLetters(dispatcher).list(0, 10);
      assertThat(letters).singleElement().satisfies(letter -> assertThat(letter.reason())
          .contains("cannot read version 3 of its message: it knows versions 1 to 2")
          .contains("written by newer code"));
      assertThat(accounts.accounts()).containsOnly(Map.entry("acc-2", new Account(1, 2, 1000, 1)));
    }
  }

  @Test
  void anAggregateRefusesAStreamWithANewerVersion() {
    AggregateRepository<Balance> balances = new AggregateRepository<>(owner.fixture().storage(), new BalanceType());
    String account = "agg-" + UUID.randomUUID();
    owner.append(new BalanceType().streamId(account), 0,
        List.of(withVersion(Deposits.deposited(account, 1, 10), "3")));

    assertThatThrownBy(() -> balances.load(account))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("Cannot decode a stored bank.Deposited of bank.Account")
        .hasMessageContaining("cannot read version 3");
  }

  private AccountsProjection_Dispatcher versionedDispatcher() {
    AccountsProjection_Dispatcher dispatcher = new AccountsProjection_Dispatcher(accounts, name);
    dispatcher.versioned = true;
    return dispatcher;
  }

  private ProjectionEngine engine(UndecodableEventPolicy policy) {
    return ProjectionEngine.builder(projectionDb.storage(), broker)
        .registerDomain(Deposits.DOMAIN, ProjectionEngine.Source.feed(owner.feedUri()))
        .onUndecodableEvent(name, policy)
        .build();
  }

  /** A deposit as the version-2 code writes it: cents, and the version header. */
  private static Envelope versionTwo(String account, long seq, long cents) {
    Envelope v1 = Deposits.deposited(account, seq, 0);
    String json = "{\"account\":\"" + account + "\",\"seq\":" + seq + ",\"cents\":" + cents + "}";
    return withPayload(withVersion(v1, "2"), json);
  }

  private static Envelope withVersion(Envelope e, String version) {
    Map<String, String> headers = new HashMap<>(e.headers());
    headers.put(MessageVersions.HEADER, version);
    return new Envelope(e.messageId(), e.wireName(), e.domain(), e.partitionKey(), e.correlationId(),
        e.causationId(), e.occurredAt(), e.position(), headers, e.payload());
  }

  private static Envelope withPayload(Envelope e, String json) {
    return new Envelope(e.messageId(), e.wireName(), e.domain(), e.partitionKey(), e.correlationId(),
        e.causationId(), e.occurredAt(), e.position(), e.headers(), json.getBytes(StandardCharsets.UTF_8));
  }
}
