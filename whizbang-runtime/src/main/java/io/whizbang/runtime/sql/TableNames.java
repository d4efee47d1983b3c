package io.whizbang.runtime.sql;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names of the runtime's tables for one service: an optional schema and a table prefix, so that two services
 * can share one database. Names are validated once here and are the only identifiers ever concatenated into SQL.
 *
 * <pre>{@code
 * TableNames tables = TableNames.of(null, "orders_");   // orders_events, orders_outbox, ...
 * }</pre>
 */
public final class TableNames {
  // Lower case only: PostgreSQL folds unquoted names, and a quoted mixed-case name would surprise users in psql.
  private static final Pattern PREFIX = Pattern.compile("[a-z0-9_]{0,30}");
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,30}");
  /** PostgreSQL's longest identifier (NAMEDATALEN - 1), in bytes; names here are ASCII. */
  private static final int MAX_IDENTIFIER = 63;

  private final String schema;
  private final String prefix;

  private TableNames(String schema, String prefix) {
    this.schema = schema;
    this.prefix = prefix;
  }

  /**
   * @param schema a database schema created on migration, or {@code null} for the connection's default schema
   * @param prefix prepended to every table name; lower-case letters, digits and {@code _}, at most 30 characters
   * @throws IllegalArgumentException when either is not a plain lower-case SQL identifier
   */
  public static TableNames of(String schema, String prefix) {
    String p = prefix == null ? "" : prefix;
    if (!PREFIX.matcher(p).matches()) {
      throw new IllegalArgumentException("Invalid table prefix '" + p + "': use at most 30 lower-case letters,"
          + " digits and '_' (for example \"orders_\")");
    }
    if (!p.isEmpty() && Character.isDigit(p.charAt(0))) {
      throw new IllegalArgumentException("Invalid table prefix '" + p + "': it must not start with a digit");
    }
    if (schema != null && !SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException("Invalid schema name '" + schema + "': use a lower-case letter or '_'"
          + " followed by at most 30 lower-case letters, digits or '_'");
    }
    return new TableNames(schema, p);
  }

  /** The schema, or {@code null} for the default one. */
  public String schema() {
    return schema;
  }

  /** The table prefix (possibly empty). */
  public String prefix() {
    return prefix;
  }

  /** {@code schema.prefix} or {@code prefix}: identifies this table set (locks, notification channels). */
  public String qualifier() {
    return (schema == null ? "" : schema + ".") + prefix;
  }

  /**
   * The qualified name of a runtime table, {@code base} being a lower-case identifier such as {@code "inbox"}.
   * Other runtime packages (the inbox) name their tables through this method.
   */
  public String table(String base) {
    Objects.requireNonNull(base, "base");
    if (!SCHEMA.matcher(base).matches()) {
      throw new IllegalArgumentException("Invalid table name '" + base + "'");
    }
    return (schema == null ? "" : schema + ".") + prefix + base;
  }

  public String schemaVersion() {
    return table("schema_version");
  }

  public String settings() {
    return table("settings");
  }

  public String events() {
    return table("events");
  }

  public String eventLock() {
    return table("event_lock");
  }

  public String outbox() {
    return table("outbox");
  }

  public String outboxPartitions() {
    return table("outbox_partition");
  }

  public String outboxRelays() {
    return table("outbox_relay");
  }

  public String outboxDeadLetters() {
    return table("outbox_dead_letter");
  }

  /** Messages sent for later, moved into the outbox by the relay when due. */
  public String outboxScheduled() {
    return table("outbox_scheduled");
  }

  /**
   * The PostgreSQL notification channel on which outbox appends wake relays: at most 63 characters. PostgreSQL cuts
   * a longer {@code LISTEN} name to 63 bytes but refuses a longer {@code pg_notify} channel, so relays would never
   * be woken; a long name keeps a readable head and a hash of the whole name, stable across processes.
   */
  public String outboxChannel() {
    String name = ("whizbang_outbox_" + qualifier().replace('.', '_')).toLowerCase(Locale.ROOT);
    if (name.length() <= MAX_IDENTIFIER) {
      return name;
    }
    String hash = hexSha256(name).substring(0, 16);
    return name.substring(0, MAX_IDENTIFIER - hash.length() - 1) + "_" + hash;
  }

  private static String hexSha256(String text) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableNames t && Objects.equals(schema, t.schema) && prefix.equals(t.prefix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schema, prefix);
  }

  @Override
  public String toString() {
    return "TableNames[" + qualifier() + "]";
  }
}
