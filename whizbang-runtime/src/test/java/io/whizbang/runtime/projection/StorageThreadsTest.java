package io.whizbang.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.FeedServerOptions;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.thread.RecordingThreadFactory;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A thread factory given to {@code SqlStorage.builder().threads(...)} makes the thread of every background loop built
 * on that storage: the relay and its LISTEN connection, the commit notifier, the event feed's server, a projection (its
 * backfill, the thread applying its pages, its feed reader's HTTP client and idle watch) and an inbox cleaner; the in-memory transport takes its own. PostgreSQL, where the LISTEN and notifier loops exist.
 */
class StorageThreadsTest {

  @Test
  void everyLoopBuiltOnTheStorageTakesItsThreadFromTheStoragesFactory() throws Exception {
    RecordingThreadFactory factory = new RecordingThreadFactory();
    InMemoryTransport broker = InMemoryTransport.builder().threads(factory).build();
    try (OwnerService owner = new OwnerService(TestDb.POSTGRES, b -> b.threads(factory),
            Set.of(Deposits.DEPOSITED, Deposits.CLOSED), FeedServerOptions.defaults(), feed -> feed)
            .relayTo(broker);
        StorageFixture projectionDb = StorageFixture.create(TestDb.POSTGRES, b -> b.threads(factory))) {
      List<Envelope> events = List.of(Deposits.deposited("a-1", 1, 10), Deposits.deposited("a-1", 2, 10));
      owner.append("a-1", 0, events);                               // the commit wakes relays through the notifier
      AccountsProjection accounts = new AccountsProjection(projectionDb.storage());
      try (RunningProjection projection = ProjectionEngine.builder(projectionDb.storage(), broker)
              .registerDomain(Deposits.DOMAIN, ProjectionEngine.Source.feed(owner.feedUri())).build()
              .start(new AccountsProjection_Dispatcher(accounts, "accounts-threads"));
          InboxConsumer inbox = InboxConsumer.builder(projectionDb.storage(), "threads")
              .dispatchers(List.<MessageDispatcher>of(new AccountsInbox())).build()) {
        assertThat(projection.awaitLive(Duration.ofSeconds(30))).isTrue(); // backfilled over the feed's server
        inbox.startCleanup();
        Await.until(() -> factory.made("whizbang-commit-notifier-"), "the commit notifier's thread");
      }
    } finally {
      broker.close();
    }
    assertThat(factory.names()).as("threads made by the user's factory")
        .anyMatch(n -> n.startsWith("whizbang-relay-relay-"))
        .anyMatch(n -> n.startsWith("whizbang-relay-listen-"))
        .anyMatch(n -> n.startsWith("whizbang-commit-notifier-"))
        .anyMatch(n -> n.startsWith("whizbang-feed-http-"))
        .anyMatch(n -> n.equals("whizbang-projection-accounts-threads"))
        .anyMatch(n -> n.equals("whizbang-projection-accounts-threads-apply"))
        .anyMatch(n -> n.startsWith("whizbang-feed-client-"))
        .anyMatch(n -> n.startsWith("whizbang-feed-idle-watch-"))
        .anyMatch(n -> n.equals("whizbang-inbox-cleanup-threads"))
        .anyMatch(n -> n.startsWith("whizbang-memory-accounts-threads-"));
  }

  /** A handler the inbox consumer needs to be built; it never receives anything here. */
  private static final class AccountsInbox implements MessageDispatcher {
    @Override
    public String handlerName() {
      return "AccountsInbox";
    }

    @Override
    public Set<String> wireNames() {
      return Set.of(Deposits.DEPOSITED);
    }

    @Override
    public void dispatch(Envelope envelope, io.whizbang.runtime.dispatch.HandlerContext context) {
      throw new AssertionError("not subscribed");
    }
  }
}
