package io.whizbang.runtime.projection;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A read model of account balances kept in the projection's database, written in the transaction the engine hands
 * to each event. It records what would betray a wrong engine: an event applied out of order (or twice, or with one
 * missing before it) counts as a sequence {@code violation}, and every application is logged in a table without a
 * key, so an event applied twice shows up as two rows.
 */
final class AccountsProjection {
  final String domain;
  final String table;
  final String applied;
  private final SqlStorage storage;
  volatile Exception failOn; // set by tests to make a handler throw
  volatile String failAccount;
  /** The SLF4J MDC the last event was applied under. */
  volatile java.util.Map<String, String> lastLogContext;

  AccountsProjection(SqlStorage storage) {
    this(storage, Deposits.DOMAIN);
  }

  AccountsProjection(SqlStorage storage, String domain) {
    this.storage = storage;
    this.domain = domain;
    this.table = StorageInternals.tables(storage).table("accounts");
    this.applied = StorageInternals.tables(storage).table("applied");
    try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("create table if not exists " + table + " (account varchar(100) primary key, events bigint not null,"
          + " last_seq bigint not null, total bigint not null, violations bigint not null)");
      s.execute("create table if not exists " + applied + " (message_id uuid not null, account varchar(100) not null,"
          + " seq bigint not null)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  record Account(long events, long lastSeq, long total, long violations) {}

  /** The handler method a {@code @Projection} class would declare. */
  void on(Deposited e, HandlerContext context) throws Exception {
    lastLogContext = org.slf4j.MDC.getCopyOfContextMap();
    Exception failure = failOn;
    if (failure != null && e.account().equals(failAccount)) {
      throw failure;
    }
    Connection c = ProjectionContext.of(context).connection();
    try (PreparedStatement u = c.prepareStatement("update " + table + " set events = events + 1, total = total + ?,"
        + " violations = violations + case when last_seq = ? then 0 else 1 end, last_seq = ? where account = ?")) {
      u.setLong(1, e.amount());
      u.setLong(2, e.seq() - 1);
      u.setLong(3, e.seq());
      u.setString(4, e.account());
      if (u.executeUpdate() == 0) {
        try (PreparedStatement i = c.prepareStatement("insert into " + table
            + " (account, events, last_seq, total, violations) values (?, 1, ?, ?, ?)")) {
          i.setString(1, e.account());
          i.setLong(2, e.seq());
          i.setLong(3, e.amount());
          i.setLong(4, e.seq() == 1 ? 0 : 1);
          i.executeUpdate();
        }
      }
    }
    try (PreparedStatement log = c.prepareStatement(
        "insert into " + applied + " (message_id, account, seq) values (?, ?, ?)")) {
      log.setObject(1, context.envelope().messageId());
      log.setString(2, e.account());
      log.setLong(3, e.seq());
      log.executeUpdate();
    }
  }

  Map<String, Account> accounts() {
    Map<String, Account> out = new HashMap<>();
    try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select account, events, last_seq, total, violations from " + table)) {
      while (r.next()) {
        out.put(r.getString(1), new Account(r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** How many times each event was applied (committed), by message id. */
  Map<UUID, Long> applications() {
    Map<UUID, Long> out = new HashMap<>();
    try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select message_id, count(*) from " + applied + " group by message_id")) {
      while (r.next()) {
        out.put(r.getObject(1, UUID.class), r.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  long eventsApplied() {
    return accounts().values().stream().mapToLong(Account::events).sum();
  }
}
