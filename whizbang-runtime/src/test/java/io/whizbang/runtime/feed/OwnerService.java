package io.whizbang.runtime.feed;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.store.EventStore;
import io.whizbang.runtime.store.StoredEvent;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Transport;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The owning service of the tests: its event store and outbox, a relay to a transport (optional), and its event feed
 * served over HTTP on a free port.
 */
public final class OwnerService implements AutoCloseable {
  private final StorageFixture fixture;
  private final EventStore store;
  private final Outbox outbox;
  private final EventFeed feed;
  private final EventFeedServer server;
  private Relay relay;

  public OwnerService(TestDb db, FeedServerOptions options) {
    this(db, options, feed -> feed);
  }

  public OwnerService(TestDb db, FeedServerOptions options, UnaryOperator<EventFeed.Builder> feedSettings) {
    this(db, Set.of(Deposits.DEPOSITED, Deposits.CLOSED), options, feedSettings);
  }

  /** An owner whose feed serves {@code wireNames}. */
  public OwnerService(TestDb db, Set<String> wireNames, FeedServerOptions options, UnaryOperator<EventFeed.Builder> feedSettings) {
    this(db, b -> b, wireNames, options, feedSettings);
  }

  /** An owner whose storage is built with {@code storage} options (a dialect of the test's, say). */
  public OwnerService(TestDb db, UnaryOperator<SqlStorage.Builder> storage, Set<String> wireNames,
      FeedServerOptions options, UnaryOperator<EventFeed.Builder> feedSettings) {
    this.fixture = StorageFixture.create(db, storage);
    this.store = new EventStore(fixture.storage());
    this.outbox = new Outbox(fixture.storage());
    this.feed = feedSettings.apply(EventFeed.builder(fixture.storage()).wireNames(wireNames)).build();
    this.server = EventFeedServer.start(0, feed, options);
  }

  public OwnerService(TestDb db) {
    this(db, FeedServerOptions.defaults());
  }

  /** Starts publishing the outbox to {@code transport}. */
  public OwnerService relayTo(Transport transport) {
    relay = new Relay(fixture.storage(), transport, RelayConfig.builder().publishInterval(Duration.ofMillis(50))
        .batchSize(500).build());
    relay.start();
    return this;
  }

  /** Appends events to one stream and their outbox rows, in one committed transaction. */
  public List<StoredEvent> append(String stream, long expectedVersion, List<Envelope> events) {
    return fixture.storage().inTransaction(tx -> appendIn(tx.connection(), stream, expectedVersion, events));
  }

  /** Appends in the caller's transaction (to hold it open). */
  public List<StoredEvent> appendIn(Connection c, String stream, long expectedVersion, List<Envelope> events) {
    List<StoredEvent> stored = store.append(c, stream, expectedVersion, events);
    List<OutgoingMessage> messages = new ArrayList<>();
    for (StoredEvent e : stored) {
      messages.add(Outbox.eventMessage(e.envelopeWithCursor(), 0, EnvelopeCodec::encode));
    }
    outbox.append(c, messages);
    return stored;
  }

  public void signalCommitted() {
    outbox.signalCommitted();
  }

  public URI feedUri() {
    return server.uri();
  }

  public EventFeedServer server() {
    return server;
  }

  public EventFeed feed() {
    return feed;
  }

  public EventStore store() {
    return store;
  }

  public StorageFixture fixture() {
    return fixture;
  }

  public Relay relay() {
    return relay;
  }

  @Override
  public void close() {
    if (relay != null) {
      relay.close();
    }
    server.close();
    fixture.close();
  }
}
