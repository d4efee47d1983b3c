package io.whizbang.runtime.internal.ops;

import io.whizbang.runtime.Operations.ProjectionState;
import io.whizbang.runtime.sql.TableNames;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The projections' stored progress: checkpoints, applied ids and dead letters. The projection engine creates these
 * tables when a projection first starts, so before that there is nothing to read or forget.
 */
public final class ProjectionQueries {
  private final TableNames tables;
  private final String checkpoints;
  private final String applied;
  private final String deadLetters;

  public ProjectionQueries(TableNames tables) {
    this.tables = tables;
    this.checkpoints = tables.table("projection_checkpoint");
    this.applied = tables.table("projection_inbox");
    this.deadLetters = tables.table("projection_dead_letter");
  }

  public List<ProjectionState> states(Connection c) throws SQLException {
    if (!exists(c)) {
      return List.of();
    }
    Map<String, String> cursors = new TreeMap<>();
    Map<String, Instant> updated = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement("select projection, cursor_token, updated_at_ms from "
        + checkpoints); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        cursors.put(r.getString(1), r.getString(2));
        updated.put(r.getString(1), Instant.ofEpochMilli(r.getLong(3)));
      }
    }
    Map<String, Long> appliedIds = counts(c, applied);
    Map<String, Long> parked = counts(c, deadLetters);
    TreeMap<String, ProjectionState> out = new TreeMap<>();
    for (Map<String, ?> names : List.of(cursors, appliedIds, parked)) {
      for (String name : names.keySet()) {
        out.put(name, new ProjectionState(name, cursors.get(name), updated.get(name),
            appliedIds.getOrDefault(name, 0L), parked.getOrDefault(name, 0L)));
      }
    }
    return new ArrayList<>(out.values());
  }

  /** Deletes the checkpoint; false when there was none. */
  public boolean forgetCheckpoint(Connection c, String projection) throws SQLException {
    return exists(c) && delete(c, checkpoints, projection) > 0;
  }

  /** Deletes the checkpoint, the applied ids and the dead letters; false when there was none of them. */
  public boolean forgetAll(Connection c, String projection) throws SQLException {
    if (!exists(c)) {
      return false;
    }
    long n = delete(c, checkpoints, projection) + delete(c, applied, projection) + delete(c, deadLetters, projection);
    return n > 0;
  }

  private static int delete(Connection c, String table, String projection) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("delete from " + table + " where projection = ?")) {
      s.setString(1, projection);
      return s.executeUpdate();
    }
  }

  private static Map<String, Long> counts(Connection c, String table) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement("select projection, count(*) from " + table
        + " group by projection"); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), r.getLong(2));
      }
    }
    return out;
  }

  /** Whether the projection tables were created (all three are created together). */
  private boolean exists(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String name = tables.prefix() + "projection_dead_letter";
    String schema = tables.schema();
    if (meta.storesUpperCaseIdentifiers()) {
      name = name.toUpperCase(Locale.ROOT);
      schema = schema == null ? null : schema.toUpperCase(Locale.ROOT);
    }
    // '_' is a LIKE wildcard in metadata patterns; an exact comparison of the names found settles it.
    try (ResultSet r = meta.getTables(null, schema == null ? c.getSchema() : schema, name, null)) {
      while (r.next()) {
        if (r.getString("TABLE_NAME").equals(name)) {
          return true;
        }
      }
      return false;
    }
  }
}
