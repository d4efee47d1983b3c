package io.whizbang.runtime.relay;

import static io.whizbang.runtime.outbox.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.sql.DelegatingDataSource;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An Error in a relay's background thread is logged and the thread goes on; publishing never stops silently. */
class RelayErrorTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void anErrorThrownByTheTransportDoesNotEndThePublishingLoop(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport();
        Relay relay = new Relay(fixture.storage(), transport, RelayTest.fast().build())) {
      transport.throwOnce(new OutOfMemoryError("test: the batch did not fit"));
      List<OutgoingMessage> messages = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        messages.add(message("k" + (i % 3), i));
      }
      Outbox outbox = new Outbox(fixture.storage());
      fixture.storage().inTransaction(tx -> {
        outbox.append(tx, messages);
        return null;
      });
      relay.start();

      Await.until(WAIT, () -> "published after the error: " + transport.confirmed().size(),
          () -> transport.confirmed().size() == messages.size());
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outboxDeadLetters())).isZero();
    }
  }

  @Test
  void theNotificationListenerListensAgainAfterAnError() throws Exception {
    DataSource postgres = TestDb.POSTGRES.dataSource();
    AtomicInteger connections = new AtomicInteger();
    DataSource failingOnce = new DelegatingDataSource(postgres) {
      @Override
      public Connection getConnection() throws SQLException {
        if (connections.getAndIncrement() == 0) {
          throw new OutOfMemoryError("test: no memory for a connection");
        }
        return super.getConnection();
      }
    };
    String channel = "whizbang_error_test_" + Long.toHexString(System.nanoTime());
    AtomicInteger wakes = new AtomicInteger();
    PgNotificationListener listener = new PgNotificationListener(failingOnce, channel, wakes::incrementAndGet);
    Thread thread = new Thread(listener, "listener-error-test");
    thread.setDaemon(true);
    thread.start();
    try {
      Await.until(WAIT, "listening again after the error", () -> connections.get() >= 2);
      // LISTEN is set up shortly after the connection is open: notify until a wake-up arrives.
      Await.until(WAIT, "a notification wakes the listener", () -> {
        try (Connection c = postgres.getConnection(); Statement s = c.createStatement()) {
          s.execute("notify " + channel);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
        return wakes.get() > 0;
      });
      assertThat(thread.isAlive()).isTrue();
    } finally {
      listener.stop();
      thread.interrupt();
      thread.join(5_000);
    }
  }
}
