package io.whizbang.runtime.feed;

import io.whizbang.runtime.internal.feedclient.FeedCount;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.StorageException;
import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.store.EventStore;
import io.whizbang.runtime.store.StoredEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's event history as NDJSON, independent of any HTTP server: parse the query string, then write the reply
 * to the response body. {@link EventFeedServer} serves it on an embedded Jetty ({@link EventFeedHandler}); any other
 * framework can too.
 *
 * <pre>{@code
 * EventFeed feed = EventFeed.builder(storage).modules(List.of(new WhizbangModule_Orders())).build();
 * feed.write(rawQuery, responseBody);   // FeedRequestException (a 4xx, nothing written) when the query is wrong;
 *                                       // else content type application/x-ndjson
 * }</pre>
 *
 * <p>Each event line is {@code {"cursor":"...","event":<envelope>}}, the envelope exactly as it crosses the brokers
 * ({@code EnvelopeCodec}); the last line says why the reply ended ({@code head}, {@code limit} or {@code error}) and
 * carries the cursor to resume from. Order is the event store's gap-safe feed order (per stream, version order).
 * Type filters are matched against the known wire names first and reach SQL only as bound parameters. A request
 * without {@code types} reads the configured wire names only, never an event type the feed was not set up to serve.
 */
public final class EventFeed {
  private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);

  private final SqlStorage storage;
  private final EventStore store;
  private final Set<String> wireNames;
  private final FeedOptions options;
  private final QueryParser parser;
  private final Visibility visibility;

  private EventFeed(Builder b) {
    this.storage = b.storage;
    this.store = new EventStore(b.storage);
    this.wireNames = Set.copyOf(b.wireNames);
    this.options = b.options;
    this.parser = new QueryParser(wireNames, options);
    this.visibility = new Visibility(StorageInternals.dialect(storage));
  }

  /** The threads of the feed's server: the storage's. */
  io.whizbang.runtime.thread.Threads threads() {
    return StorageInternals.threads(storage);
  }

  public static Builder builder(SqlStorage storage) {
    return new Builder(storage);
  }

  /**
   * Validates a raw (still URL-encoded) query string such as {@code types=a,b&after=12.34&limit=500}.
   *
   * @throws FeedRequestException with status 400 and a message saying what to change
   */
  FeedRequest parse(String rawQuery) {
    return parser.parse(rawQuery);
  }

  /**
   * Validates a raw count query such as {@code types=a&after=12.34&upto=15.40}.
   *
   * @throws FeedRequestException with status 400 and a message saying what to change
   */
  CountRequest parseCount(String rawQuery) {
    return parser.parseCount(rawQuery);
  }

  /** Counts the events of {@code request}'s range; settled only when nothing can still appear in it. */
  FeedCount count(CountRequest request) {
    Objects.requireNonNull(request, "request");
    try (Connection connection = storage.dataSource().getConnection()) {
      // The fence first: the count's own snapshot then sees every event of a settled range.
      boolean settled = visibility.settled(connection, request.upTo().txOrder());
      long n = store.count(connection, request.after(), request.upTo(), served(request.wireNames()),
          request.from());
      return new FeedCount(n, settled);
    } catch (SQLException e) {
      throw new StorageException("Cannot count the events of " + StorageInternals.tables(storage).events(), e);
    }
  }

  /**
   * Validates a raw (still URL-encoded) query string such as {@code types=a,b&after=12.34&limit=500} and writes its
   * reply: event lines, then one end line (a store failure part-way ends with an {@code "error"} line). Serve it as
   * {@code application/x-ndjson}.
   *
   * @throws FeedRequestException with status 400 and a message saying what to change, before anything is written
   * @throws IOException when {@code out} fails (typically: the reader went away)
   */
  public void write(String rawQuery, OutputStream out) throws IOException {
    write(parse(rawQuery), out);
  }

  /**
   * Writes the reply to {@code request}: event lines, then one end line. A store failure part-way is reported in an
   * {@code "error"} end line carrying the cursor to resume from (the reader retries); it is logged here.
   *
   * @throws IOException when {@code out} fails (typically: the reader went away)
   */
  FeedResult write(FeedRequest request, OutputStream out) throws IOException {
    Objects.requireNonNull(request, "request");
    FeedLines lines = new FeedLines(out);
    int batch = request.streaming() ? options.streamBatch() : request.limit();
    EventCursor cursor = request.after();
    long written = 0;
    Instant from = request.from();
    try (Connection connection = storage.dataSource().getConnection()) {
      while (true) {
        long fence = visibility.fence(connection);
        // "from" is filtered in SQL, a page looking at no more than `batch` events: never a long silent scan.
        EventStore.Page page = store.readAll(connection, cursor, served(request.wireNames()), batch, from);
        for (StoredEvent event : page.events()) {
          lines.event(event);
          written++;
        }
        cursor = page.next();
        if (page.events().isEmpty() && !page.atHead() && request.streaming() && request.progress()) {
          lines.progress(cursor);
        }
        if (page.atHead()) {
          lines.head(cursor, fence);
          lines.flush();
          return new FeedResult(cursor, written, FeedLines.END_HEAD);
        }
        if (!request.streaming()) {
          lines.limit(cursor);
          lines.flush();
          return new FeedResult(cursor, written, FeedLines.END_LIMIT);
        }
        lines.flush();
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (SQLException | StorageException e) {
      LOG.error("Event feed failed after {} event(s), at cursor {}", written, cursor.token(), e);
      lines.error(cursor, "The event store could not be read; resume after cursor " + cursor.token());
      lines.flush();
      return new FeedResult(cursor, written, FeedLines.END_ERROR);
    }
  }

  /**
   * The visibility horizon now (see the feed reference): a reader that subscribed to live events before taking it
   * has seen every earlier event once a head line's {@code fence} is at least this value.
   */
  public long horizon() {
    try (Connection connection = storage.dataSource().getConnection()) {
      return visibility.horizon(connection);
    } catch (SQLException e) {
      throw new StorageException("Cannot read the visibility horizon of " + StorageInternals.tables(storage).events(), e);
    }
  }

  /** The names a read asked for or, without a filter, every name the feed serves (never the store's "all types"). */
  private Set<String> served(Set<String> requested) {
    return requested.isEmpty() ? wireNames : requested;
  }

  /** The wire names a request may filter on, and all that a request without a filter reads. */
  public Set<String> wireNames() {
    return wireNames;
  }

  FeedOptions options() {
    return options;
  }

  /** Configures an {@link EventFeed}. */
  public static final class Builder {
    private final SqlStorage storage;
    private final Set<String> wireNames = new LinkedHashSet<>();
    private FeedOptions options = FeedOptions.defaults();

    private Builder(SqlStorage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** Adds wire names a request may filter on. */
    public Builder wireNames(Collection<String> names) {
      for (String name : names) {
        wireNames.add(Objects.requireNonNull(name, "wire name"));
      }
      return this;
    }

    /** Adds the event types of the given modules that belong to domains those modules own. */
    public Builder modules(Collection<? extends WhizbangModule> modules) {
      for (WhizbangModule module : modules) {
        for (MessageType<?> type : module.messageTypes()) {
          if (type.kind() == MessageType.Kind.EVENT && module.ownedDomains().contains(type.domain())) {
            wireNames.add(type.wireName());
          }
        }
      }
      return this;
    }

    /** The page size of a request without {@code limit} and without {@code stream} (default 500). */
    public Builder defaultPageSize(int value) {
      this.options = options.withDefaultPageSize(value);
      return this;
    }

    /**
     * The largest {@code limit} a request may ask for (default 5,000, at most {@link EventStore#MAX_PAGE}); lowers
     * the default page size to it when that was larger.
     */
    public Builder maxPageSize(int value) {
      this.options = options.withMaxPageSize(value);
      return this;
    }

    /**
     * How many events a streaming reply reads from the store at once (default 1,000): with {@code from}, also how
     * many older events it looks at between two progress lines.
     */
    public Builder streamBatch(int value) {
      this.options = options.withStreamBatch(value);
      return this;
    }

    /**
     * @throws IllegalStateException when no wire name was given: the feed serves only configured types
     */
    public EventFeed build() {
      if (wireNames.isEmpty()) {
        throw new IllegalStateException("An event feed serves only the event types it is configured with, and none"
            + " were given: add modules(...) that own event types, or wireNames(...)");
      }
      if (wireNames.size() > EventStore.MAX_WIRE_NAMES) {
        throw new IllegalStateException("An event feed serves at most " + EventStore.MAX_WIRE_NAMES
            + " event types, was given " + wireNames.size());
      }
      return new EventFeed(this);
    }
  }
}
