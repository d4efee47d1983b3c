package io.whizbang.runtime.internal.ops;

import io.whizbang.runtime.Operations.DeadLetterFilter;
import io.whizbang.runtime.transport.Destination;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code and ...} conditions of a dead-letter filter, with their parameters: values are always bound, never
 * written into the SQL.
 */
public final class FilterSql {
  private final StringBuilder where = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  /**
   * The conditions of {@code filter} on a dead-letter table whose owner is matched by {@code owner} (the inbox's
   * subscriber column, or null for the outbox's destination columns) and whose parking time is {@code parkedColumn}.
   */
  public static FilterSql of(DeadLetterFilter filter, String ownerColumn, String parkedColumn) {
    FilterSql sql = new FilterSql();
    if (filter.owner() != null) {
      if (ownerColumn != null) {
        sql.add(ownerColumn + " = ?", filter.owner());
      } else {
        Destination destination = destination(filter.owner());
        sql.add("destination_kind = ?", destination.kind().name());
        sql.add("destination_domain = ?", destination.domain());
      }
    }
    if (filter.wireName() != null) {
      sql.add("wire_name = ?", filter.wireName());
    }
    if (filter.partitionKey() != null) {
      sql.add("partition_key = ?", filter.partitionKey());
    }
    if (filter.parkedFrom() != null) {
      sql.add(parkedColumn + " >= ?", filter.parkedFrom().toEpochMilli());
    }
    if (filter.parkedBefore() != null) {
      sql.add(parkedColumn + " < ?", filter.parkedBefore().toEpochMilli());
    }
    return sql;
  }

  /** Reads {@code whizbang.<domain>.events} or {@code whizbang.<domain>.commands}. */
  public static Destination destination(String name) {
    String[] parts = name.split("\\.", -1);
    if (parts.length == 3 && parts[0].equals("whizbang") && !parts[1].isEmpty()) {
      if (parts[2].equals("events")) {
        return Destination.events(parts[1]);
      }
      if (parts[2].equals("commands")) {
        return Destination.commands(parts[1]);
      }
    }
    throw new IllegalArgumentException("Invalid destination '" + name + "': use whizbang.<domain>.events or"
        + " whizbang.<domain>.commands (for example whizbang.orders.events)");
  }

  private void add(String condition, Object value) {
    where.append(" and ").append(condition);
    params.add(value);
  }

  /** The conditions, each starting with {@code and}; empty when the filter matches everything. */
  public String where() {
    return where.toString();
  }

  /** Binds the parameters from position {@code first}; returns the next free position. */
  public int bind(PreparedStatement s, int first) throws SQLException {
    int i = first;
    for (Object p : params) {
      s.setObject(i++, p);
    }
    return i;
  }
}
