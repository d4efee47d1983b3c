package io.whizbang.runtime.store;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.SqlHeaders;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TableNames;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;

/**
 * Append-only event streams with optimistic concurrency, and a gap-safe feed of all events.
 *
 * <p>Every method that takes a {@link Connection} (or a Jdbi {@link Handle}) works inside the caller's transaction
 * and never commits, rolls back or closes it; when the connection is in auto-commit mode an append runs in a
 * transaction of its own.
 *
 * <pre>{@code
 * EventStore store = new EventStore(storage);
 * store.append(connection, "order-42", 0, List.of(orderPlaced));          // 0: the stream must be new
 * Page page = store.readAll(connection, EventCursor.START, Set.of("orders.OrderPlaced"), 500);
 * }</pre>
 *
 * <p>Gap safety: a reader that resumes from the last cursor it saw never misses an event, even one whose
 * transaction started earlier and committed later. On PostgreSQL rows are ordered by {@code (tx_order, position)},
 * where {@code tx_order} is the appending transaction's {@code xid8} (raised to the stream's previous event's), and
 * a read returns only rows below {@code pg_snapshot_xmin(pg_current_snapshot())}: every transaction that could still
 * add a row there has ended, and any later row gets a larger {@code tx_order}. On H2 appends take a row lock held
 * until commit, so positions are handed out in commit order.
 */
public final class EventStore {
  /** Expected version for "append whatever the stream's version". */
  public static final long ANY_VERSION = -1;
  /** Expected version of a stream that must not exist yet. */
  public static final long NO_STREAM = 0;
  /** The largest page {@link #readAll} returns. */
  public static final int MAX_PAGE = 10_000;
  /** The most wire names a feed filter may hold. */
  public static final int MAX_WIRE_NAMES = 500;


  private final SqlStorage storage;
  private final SqlDialect dialect;
  private final TableNames tables;
  private final String insertFirst;
  private final String insertNext;
  private final String head;
  private final String stream;
  private final FeedQueries feed;

  public EventStore(SqlStorage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.dialect = StorageInternals.dialect(storage);
    this.tables = StorageInternals.tables(storage);
    this.feed = new FeedQueries(dialect, tables);
    String insert = "insert into " + tables.events() + " (tx_order, stream_id, stream_version, message_id, wire_name,"
        + " domain, partition_key, correlation_id, causation_id, occurred_at, headers, payload) values (";
    String rest = ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.insertFirst = insert + dialect.txOrderValue(false) + rest;
    this.insertNext = insert + dialect.txOrderValue(true) + rest;
    this.head = "select stream_version, " + dialect.txOrderAsNumber() + " from " + tables.events()
        + " where stream_id = ? order by stream_version desc fetch first 1 rows only";
    this.stream = "select " + EventRows.COLUMNS + ", " + dialect.txOrderAsNumber() + " from " + tables.events()
        + " where stream_id = ? and stream_version > ? order by stream_version";
  }

  /** {@link #append(Connection, String, long, List)} on a Jdbi handle's connection (its transaction). */
  public List<StoredEvent> append(Handle handle, String streamId, long expectedVersion, List<Envelope> events) {
    return append(handle.getConnection(), streamId, expectedVersion, events);
  }

  /**
   * Appends {@code events} to a stream as versions {@code expectedVersion + 1, + 2, ...}.
   *
   * @param expectedVersion the stream's version the caller decided on ({@link #NO_STREAM} for a new stream), or
   *     {@link #ANY_VERSION}
   * @return the stored events, with their positions
   * @throws IllegalArgumentException when a payload is not exactly one JSON object (nothing is appended)
   * @throws ConcurrencyException when the stream is at another version, or another transaction appended the same
   *     version concurrently (on PostgreSQL the caller's transaction is then aborted: roll it back)
   */
  public List<StoredEvent> append(Connection connection, String streamId, long expectedVersion, List<Envelope> events) {
    Objects.requireNonNull(streamId, "streamId");
    if (streamId.isEmpty() || streamId.length() > 200) {
      throw new IllegalArgumentException("A stream id must have 1 to 200 characters, was '" + streamId + "'");
    }
    if (expectedVersion < ANY_VERSION) {
      throw new IllegalArgumentException("expectedVersion must be >= 0 or ANY_VERSION, was " + expectedVersion);
    }
    if (events.isEmpty()) {
      return List.of();
    }
    requirePayloadObjects(streamId, expectedVersion, events);
    try {
      boolean ownTransaction = connection.getAutoCommit();
      if (ownTransaction) {
        connection.setAutoCommit(false);
      }
      try {
        List<StoredEvent> stored = appendInTransaction(connection, streamId, expectedVersion, events);
        if (ownTransaction) {
          connection.commit();
        }
        return stored;
      } catch (SQLException | RuntimeException e) {
        if (ownTransaction) {
          connection.rollback();
        }
        throw e;
      } finally {
        if (ownTransaction) {
          connection.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new StorageException("Appending to stream '" + streamId + "' in " + tables.events() + " failed", e);
    }
  }

  /** Refuses the whole append when one payload is not one JSON object: every feed reader would stop at it. */
  private static void requirePayloadObjects(String streamId, long expectedVersion, List<Envelope> events) {
    for (int k = 0; k < events.size(); k++) {
      try {
        io.whizbang.runtime.envelope.EnvelopeCodec.requireOneJsonObject(events.get(k));
      } catch (IllegalArgumentException e) {
        String version = expectedVersion == ANY_VERSION ? "" : " (version " + (expectedVersion + k + 1) + ")";
        throw new IllegalArgumentException("Cannot append to stream '" + streamId + "': event " + (k + 1) + " of "
            + events.size() + version + " is refused. " + e.getMessage(), e);
      }
    }
  }

  private List<StoredEvent> appendInTransaction(
      Connection connection, String streamId, long expectedVersion, List<Envelope> events) throws SQLException {
    dialect.beforeAppend(connection, tables);
    long actual = 0;
    String previousTxOrder = null;
    // A new stream needs no look at its head: versions 1..n are inserted, and the unique (stream, version) refuses
    // them when the stream has events, however old. One round trip less for every new aggregate.
    if (expectedVersion != NO_STREAM) {
      try (PreparedStatement query = connection.prepareStatement(head)) {
        query.setString(1, streamId);
        try (ResultSet rows = query.executeQuery()) {
          if (rows.next()) {
            actual = rows.getLong(1);
            previousTxOrder = rows.getString(2);
          }
        }
      }
      if (expectedVersion != ANY_VERSION && expectedVersion != actual) {
        throw new ConcurrencyException(streamId, expectedVersion, actual, false);
      }
    }
    boolean withPrevious = previousTxOrder != null;
    List<Long> positions = new ArrayList<>(events.size());
    List<Long> txOrders = new ArrayList<>(events.size());
    try (PreparedStatement insert = connection.prepareStatement(
        withPrevious ? insertNext : insertFirst, new String[] {"position", "tx_order"})) {
      long version = actual;
      for (Envelope e : events) {
        int i = 1;
        if (withPrevious) {
          insert.setString(i++, previousTxOrder);
        }
        insert.setString(i++, streamId);
        insert.setLong(i++, ++version);
        insert.setObject(i++, e.messageId());
        insert.setString(i++, e.wireName());
        insert.setString(i++, e.domain());
        insert.setString(i++, e.partitionKey());
        insert.setObject(i++, e.correlationId());
        insert.setObject(i++, e.causationId());
        insert.setObject(i++, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
        insert.setString(i++, SqlHeaders.encode(e.headers()));
        insert.setBytes(i, e.payload());
        insert.addBatch();
      }
      try {
        insert.executeBatch();
      } catch (SQLException e) {
        throw translateConflict(e, streamId, expectedVersion, actual);
      }
      try (ResultSet keys = insert.getGeneratedKeys()) {
        while (keys.next()) {
          positions.add(keys.getLong(1));
          // Fixed at insert (the appending transaction's id, or the stream's previous one): the feed cursor.
          txOrders.add(Long.parseLong(keys.getString(2)));
        }
      }
    }
    if (positions.size() != events.size()) {
      throw new StorageException("The database returned " + positions.size() + " positions for "
          + events.size() + " appended events");
    }
    List<StoredEvent> stored = new ArrayList<>(events.size());
    for (int k = 0; k < events.size(); k++) {
      long position = positions.get(k);
      stored.add(new StoredEvent(streamId, actual + k + 1, new EventCursor(txOrders.get(k), position),
          events.get(k).withPosition(position)));
    }
    return stored;
  }

  private RuntimeException translateConflict(SQLException e, String streamId, long expected, long actual) {
    SQLException cause = e.getNextException() != null ? e.getNextException() : e;
    String state = cause.getSQLState() != null ? cause.getSQLState() : e.getSQLState();
    if ("23505".equals(state)) {
      // Told apart by constraint name: H2 also quotes the whole statement (every column name) in its message.
      String text = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (!text.contains("events_stream_version") && text.contains("events_message_id")) {
        return new StorageException("An event with the same message id is already stored in " + tables.events()
            + " (stream '" + streamId + "'): message ids must be unique", e);
      }
      return expected == NO_STREAM ? ConcurrencyException.notNew(streamId)
          : new ConcurrencyException(streamId, expected, actual + 1, true);
    }
    return new StorageException("Appending to stream '" + streamId + "' failed", e);
  }

  /** The stream's current version (0 when it has no event). */
  public long currentVersion(Connection connection, String streamId) {
    try (PreparedStatement query = connection.prepareStatement(head)) {
      query.setString(1, streamId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new StorageException("Reading the version of stream '" + streamId + "' failed", e);
    }
  }

  /** Every event of a stream, in version order. */
  public List<StoredEvent> readStream(Connection connection, String streamId) {
    return readStream(connection, streamId, 0);
  }

  /** The events of a stream after {@code afterVersion}, in version order. */
  public List<StoredEvent> readStream(Connection connection, String streamId, long afterVersion) {
    try (PreparedStatement query = connection.prepareStatement(stream)) {
      query.setString(1, streamId);
      query.setLong(2, afterVersion);
      List<StoredEvent> events = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          events.add(EventRows.read(rows));
        }
      }
      return events;
    } catch (SQLException e) {
      throw new StorageException("Reading stream '" + streamId + "' from " + tables.events() + " failed", e);
    }
  }

  /** {@link #readAll(Connection, EventCursor, Collection, int)} on a connection of the storage's data source. */
  public Page readAll(EventCursor after, Collection<String> wireNames, int limit) {
    DataSource dataSource = storage.dataSource();
    try (Connection connection = dataSource.getConnection()) {
      return readAll(connection, after, wireNames, limit);
    } catch (SQLException e) {
      throw new StorageException("Cannot open a connection to read " + tables.events(), e);
    }
  }

  /**
   * The events after {@code after}, in feed order, gap-safe (see the class comment).
   *
   * @param wireNames only events of these wire names; empty or {@code null} for all. Bound as parameters, never
   *     spliced into SQL.
   * @param limit 1 to {@link #MAX_PAGE}
   */
  public Page readAll(Connection connection, EventCursor after, Collection<String> wireNames, int limit) {
    return feed.page(connection, after, wireNames, limit);
  }

  /**
   * How many events of {@code wireNames} (empty: all) lie after {@code after} and at or before {@code upTo} in feed
   * order, gap-safe like {@link #readAll}; with {@code from}, only those that occurred at or after it. A reader that
   * applied exactly this many distinct events of that range has applied all of it.
   */
  public long count(Connection connection, EventCursor after, EventCursor upTo, Collection<String> wireNames,
      Instant from) {
    return feed.count(connection, after, upTo, wireNames, from);
  }

  /**
   * {@link #readAll(Connection, EventCursor, Collection, int)} keeping only events that occurred at or after
   * {@code from} ({@code null}: all), filtered in SQL. A page looks at no more than {@code limit} events of
   * {@code wireNames} after {@code after}, matching or not, so a page over many older events returns quickly with
   * no event and {@code next} moved past them ({@code atHead} false): the reader makes progress without the query
   * ever scanning the whole store.
   */
  public Page readAll(Connection connection, EventCursor after, Collection<String> wireNames, int limit,
      Instant from) {
    return from == null ? feed.page(connection, after, wireNames, limit)
        : feed.pageFrom(connection, after, wireNames, limit, from);
  }

  /** The feed page query, for plan tests. */
  String feedQuery(int wireNameCount) {
    return feed.pageQuery(wireNameCount);
  }

  /**
   * One page of the all-events feed.
   *
   * @param events the events after the requested cursor, in feed order
   * @param next where the next read starts (the last event's cursor, or the requested one when the page is empty)
   * @param atHead true when fewer events than the limit were returned: the reader has caught up with every event
   *     that can safely be read now
   */
  public record Page(List<StoredEvent> events, EventCursor next, boolean atHead) {
    public Page {
      events = List.copyOf(events);
    }
  }
}
