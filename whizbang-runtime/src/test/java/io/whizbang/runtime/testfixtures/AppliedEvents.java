package io.whizbang.runtime.testfixtures;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The effect table of a subscriber in end-to-end tests: its handler writes one row (key, seq) per event in the
 * transaction the event is handled in, so with an inbox-guarded consumer a row exists exactly when the inbox
 * recorded the event as handled. Read back in insertion order, the rows show duplicates and per-key order.
 */
public final class AppliedEvents {

  /** What one event contributes: its partition key and its place in that key's sequence. */
  public record Applied(String key, int seq) {}

  /** Reads the key and sequence number of an event from its envelope. */
  @FunctionalInterface
  public interface Reader {
    Applied read(Envelope envelope) throws Exception;
  }

  /** The reader of the fixture event {@code orders.OrderPlaced}: key = order id. */
  public static final Reader ORDER_PLACED = envelope -> {
    Messages.OrderPlaced placed = FixtureCodecs.read(FixtureCodecs.ORDER_PLACED, envelope.payload());
    return new Applied(placed.orderId(), placed.seq());
  };

  private final DataSource dataSource;
  private final String table;

  private AppliedEvents(DataSource dataSource, String table) {
    this.dataSource = dataSource;
    this.table = table;
  }

  /** Creates the table {@code table} (a name no other test uses; dropped with its storage's tables or schema). */
  public static AppliedEvents create(DataSource dataSource, String table) {
    AppliedEvents applied = new AppliedEvents(Objects.requireNonNull(dataSource, "dataSource"), table);
    applied.execute("create table " + table + " (id bigint generated always as identity primary key,"
        + " k varchar(64) not null, seq int not null)");
    return applied;
  }

  public String table() {
    return table;
  }

  /** A dispatcher named {@code handlerName} that records each of {@code wireNames} on the handling transaction. */
  public MessageDispatcher recorder(String handlerName, Set<String> wireNames, Reader reader) {
    return new Recorder(handlerName, Set.copyOf(wireNames), reader, table);
  }

  /** Rows written so far. */
  public long count() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("counting " + table + " failed", e);
    }
  }

  /** The sequence numbers applied per key, each list in the order the rows were written. */
  public Map<String, List<Integer>> seqsByKey() {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("select k, seq from " + table + " order by id")) {
      while (rows.next()) {
        byKey.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getInt(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading " + table + " failed", e);
    }
    return byKey;
  }

  public void drop() {
    execute("drop table if exists " + table);
  }

  private void execute(String sql) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private record Recorder(String handlerName, Set<String> wireNames, Reader reader, String table)
      implements MessageDispatcher {

    @Override
    public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
      Applied applied = reader.read(envelope);
      try (PreparedStatement insert =
          context.connection().prepareStatement("insert into " + table + " (k, seq) values (?, ?)")) {
        insert.setString(1, applied.key());
        insert.setInt(2, applied.seq());
        insert.executeUpdate();
      }
    }
  }
}
