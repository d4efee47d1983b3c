package io.whizbang.runtime.transport.contract;

import io.whizbang.runtime.ScheduledMessage;
import io.whizbang.runtime.SendOptions;
import io.whizbang.runtime.outbox.ScheduledOutbox;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.TransportLimits;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** An outbox with its schedule in a private in-memory H2 database, and a relay of it onto a broker under test. */
final class ScheduledOutboxes implements AutoCloseable {
  private final JdbcDataSource h2 = new JdbcDataSource();
  private final SqlStorage storage;
  private final ScheduledOutbox scheduled;

  private ScheduledOutboxes() {
    h2.setURL("jdbc:h2:mem:sched" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    storage = SqlStorage.builder(h2).build();
    storage.migrate();
    scheduled = new ScheduledOutbox(storage, TransportLimits.NONE);
  }

  static ScheduledOutboxes inMemory() {
    return new ScheduledOutboxes();
  }

  ScheduledMessage schedule(OutgoingMessage message, Duration delay) {
    return scheduled.schedule(message, SendOptions.defaults().deliverAfter(delay));
  }

  boolean cancel(ScheduledMessage handle) {
    return scheduled.cancel(handle.messageId());
  }

  /** A relay that polls often, so that a due message goes soon after its time. */
  Relay relay(Transport transport) {
    return new Relay(storage, transport, RelayConfig.builder().publishInterval(Duration.ofMillis(100))
        .leaseDuration(Duration.ofSeconds(2)).confirmTimeout(Duration.ofSeconds(1)).build());
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
      s.execute("shutdown");
    }
  }
}
