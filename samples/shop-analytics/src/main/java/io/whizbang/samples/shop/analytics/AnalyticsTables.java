package io.whizbang.samples.shop.analytics;

import io.whizbang.runtime.envelope.Envelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The analytics read model: totals per customer, and a log of every applied event (deliberately without a key). */
public final class AnalyticsTables {

  private final String prefix;

  /** Tables named {@code <prefix>totals} and {@code <prefix>applied}. */
  public AnalyticsTables(String prefix) {
    this.prefix = prefix;
  }

  public String totals() {
    return prefix + "totals";
  }

  public String applied() {
    return prefix + "applied";
  }

  /** Creates the tables when missing. */
  public void create(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table if not exists " + totals()
          + " (customer varchar(100) primary key, orders bigint not null, revenue decimal(19, 2) not null)");
      s.execute("create table if not exists " + applied()
          + " (message_id uuid not null, wire_name varchar(200) not null)");
    }
  }

  void logApplied(Connection c, Envelope envelope) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "insert into " + applied() + " (message_id, wire_name) values (?, ?)")) {
      s.setObject(1, envelope.messageId());
      s.setString(2, envelope.wireName());
      s.executeUpdate();
    }
  }
}
