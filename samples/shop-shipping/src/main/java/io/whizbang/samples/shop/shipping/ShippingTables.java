package io.whizbang.samples.shop.shipping;

import io.whizbang.runtime.envelope.Envelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Shipping's own tables: one shipment per order, and a log of every applied event (deliberately without a key). */
public final class ShippingTables {

  private final String prefix;

  /** Tables named {@code <prefix>shipments} and {@code <prefix>applied}. */
  public ShippingTables(String prefix) {
    this.prefix = prefix;
  }

  public String shipments() {
    return prefix + "shipments";
  }

  public String applied() {
    return prefix + "applied";
  }

  /** Creates the tables when missing. */
  public void create(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table if not exists " + shipments()
          + " (order_id uuid primary key, tracking varchar(40) not null)");
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
