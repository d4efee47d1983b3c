package io.whizbang.runtime.projection;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.sql.SqlStorage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A read model of account balances kept in the projection's database, written in the transaction the engine hands
 * to each event. It records what would betray a wrong engine: an event applied twice or out of order shows up as a
 * sequence {@code violation}.
 */
final class AccountsProjection {
  final String table;
  private final SqlStorage storage;
  volatile RuntimeException failOn; // set by tests to make a handler throw
  volatile String failAccount;

  AccountsProjection(SqlStorage storage) {
    this.storage = storage;
    this.table = storage.tables().table("accounts");
    try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("create table if not exists " + table + " (account varchar(100) primary key, events bigint not null,"
          + " last_seq bigint not null, total bigint not null, violations bigint not null)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  record Account(long events, long lastSeq, long total, long violations) {}

  /** The handler method a {@code @Projection} class would declare. */
  void on(Deposited e, HandlerContext context) throws SQLException {
    if (failOn != null && e.account().equals(failAccount)) {
      throw failOn;
    }
    Connection c = ProjectionContext.of(context).connection();
    try (PreparedStatement q = c.prepareStatement("select last_seq from " + table + " where account = ?")) {
      q.setString(1, e.account());
      try (ResultSet r = q.executeQuery()) {
        if (!r.next()) {
          try (PreparedStatement i = c.prepareStatement("insert into " + table
              + " (account, events, last_seq, total, violations) values (?, 1, ?, ?, ?)")) {
            i.setString(1, e.account());
            i.setLong(2, e.seq());
            i.setLong(3, e.amount());
            i.setLong(4, e.seq() == 1 ? 0 : 1);
            i.executeUpdate();
          }
          return;
        }
        long last = r.getLong(1);
        try (PreparedStatement u = c.prepareStatement("update " + table + " set events = events + 1, last_seq = ?,"
            + " total = total + ?, violations = violations + ? where account = ?")) {
          u.setLong(1, e.seq());
          u.setLong(2, e.amount());
          u.setLong(3, e.seq() == last + 1 ? 0 : 1);
          u.setString(4, e.account());
          u.executeUpdate();
        }
      }
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

  long eventsApplied() {
    return accounts().values().stream().mapToLong(Account::events).sum();
  }
}
