package io.whizbang.samples.shop.inventory;

import io.whizbang.runtime.envelope.Envelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import javax.sql.DataSource;

/**
 * The inventory's own tables: stock per SKU, and a log of every applied event (no unique key on purpose, so that a
 * doubly applied event would show up in the exactly-once check instead of being hidden by a constraint).
 */
public final class InventoryTables {

  private final String prefix;

  /** Tables named {@code <prefix>stock} and {@code <prefix>applied}. */
  public InventoryTables(String prefix) {
    this.prefix = prefix;
  }

  public String stock() {
    return prefix + "stock";
  }

  public String applied() {
    return prefix + "applied";
  }

  /** Creates the tables when missing and stocks every SKU of {@code skus} that is not stocked yet. */
  public void create(DataSource dataSource, Collection<String> skus) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table if not exists " + stock()
          + " (sku varchar(64) primary key, reserved bigint not null)");
      s.execute("create table if not exists " + applied()
          + " (message_id uuid not null, wire_name varchar(200) not null)");
      try (PreparedStatement insert = c.prepareStatement("insert into " + stock()
          + " (sku, reserved) select ?, 0 where not exists (select 1 from " + stock() + " where sku = ?)")) {
        for (String sku : skus) {
          insert.setString(1, sku);
          insert.setString(2, sku);
          insert.executeUpdate();
        }
      }
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

  /** Units reserved over all SKUs. */
  public long reservedUnits(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select coalesce(sum(reserved), 0) from " + stock())) {
      r.next();
      return r.getLong(1);
    }
  }
}
