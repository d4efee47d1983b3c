package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.testfixtures.TcpProxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database connection dies while a handler runs (the proxy in front of PostgreSQL drops it, and new connections
 * work again at once): the run is not the message's fault, so it spends no attempt. With one attempt allowed, a
 * counted run would dead-letter the message; instead it is released and applied on its next delivery. Both the
 * first delivery (counted only on failure) and a redelivery (counted before it runs) are covered.
 */
class DatabaseLossDuringRunTest {
  private static final InboxConfig.RetryPolicy ONE_ATTEMPT = InboxConfig.RetryPolicy.builder().maxAttempts(1)
      .initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(10)).jitter(0).build();

  @ParameterizedTest(name = "delivery count {0}")
  @ValueSource(ints = {1, 2})
  void aConnectionLostUnderTheHandlerSpendsNoAttempt(int deliveryCount) throws Exception {
    TestDb.requirePostgres();
    PGSimpleDataSource direct = (PGSimpleDataSource) TestDb.POSTGRES.dataSource();
    try (StorageFixture f = StorageFixture.create(TestDb.POSTGRES);
        TcpProxy proxy = new TcpProxy(direct.getServerNames()[0], direct.getPortNumbers()[0])) {
      String effects = StorageInternals.tables(f.storage()).table("effects");
      f.execute(StepDispatcher.createTableSql(effects));
      SqlStorage proxied = SqlStorage.builder(throughProxy(direct, proxy)).tablePrefix(StorageInternals.tables(f.storage()).prefix())
          .build();
      CuttingOnce dispatcher = new CuttingOnce(new StepDispatcher(effects), proxy);
      try (InboxConsumer consumer = InboxConsumer.builder(proxied, "svc").dispatchers(List.of(dispatcher))
          .config(InboxConfig.builder().retryPolicy(ONE_ATTEMPT).build()).build()) {
        Envelope step = Steps.envelope("k", 0);

        TestDelivery interrupted = TestDelivery.of(step, deliveryCount);
        consumer.handle(List.of(interrupted));
        assertThat(dispatcher.cut).as("the connection was cut under the handler").isTrue();
        assertThat(interrupted.settledAs).as("settled after the lost connection").isEqualTo("release");
        assertThat(consumer.deadLetters().count()).as("dead letters").isZero();
        assertThat(f.count("select coalesce(sum(runs), 0) from " + StorageInternals.tables(f.storage()).table("inbox_attempts")))
            .as("attempts spent").isZero();

        TestDelivery again = TestDelivery.of(step, deliveryCount + 1);
        consumer.handle(List.of(again));
        assertThat(again.settledAs).isEqualTo("ack");
        assertThat(f.count("select count(*) from " + effects)).as("applied once").isEqualTo(1);
      }
    }
  }

  /** Drops the database connections under the first run, then lets the handler use its (dead) connection. */
  private static final class CuttingOnce implements MessageDispatcher {
    private final MessageDispatcher delegate;
    private final TcpProxy proxy;
    private final AtomicBoolean first = new AtomicBoolean(true);
    volatile boolean cut;

    CuttingOnce(MessageDispatcher delegate, TcpProxy proxy) {
      this.delegate = delegate;
      this.proxy = proxy;
    }

    @Override
    public String handlerName() {
      return delegate.handlerName();
    }

    @Override
    public Set<String> wireNames() {
      return delegate.wireNames();
    }

    @Override
    public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
      if (first.getAndSet(false)) {
        proxy.cut();
        proxy.restore(); // the open connections stay dropped; new ones are served again
        cut = true;
      }
      delegate.dispatch(envelope, context);
    }
  }

  private static PGSimpleDataSource throughProxy(PGSimpleDataSource direct, TcpProxy proxy) {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setServerNames(new String[] {"127.0.0.1"});
    pg.setPortNumbers(new int[] {proxy.port()});
    pg.setDatabaseName(direct.getDatabaseName());
    pg.setUser(direct.getUser());
    pg.setPassword(direct.getPassword());
    pg.setSocketTimeout(5);
    return pg;
  }
}
