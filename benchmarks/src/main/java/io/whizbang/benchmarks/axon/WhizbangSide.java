package io.whizbang.benchmarks.axon;

import io.whizbang.benchmarks.feed.AmountDeposited;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.EventFeed;
import io.whizbang.runtime.feed.EventFeedServer;
import io.whizbang.runtime.feed.FeedServerOptions;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.outbox.EnvelopeEncoder;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.projection.ProjectionEngine;
import io.whizbang.runtime.projection.RunningProjection;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.store.EventStore;
import io.whizbang.runtime.store.StoredEvent;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Whizbang as an application runs it: the event store and outbox of the owning service, its relay (default poll
 * interval, woken in process on commit) to an in-memory transport, its event feed over HTTP on loopback, and the
 * projection engine (checkpoint and projection inbox in PostgreSQL) that backfills from the feed and then goes live
 * on the transport. Tables are named with {@code prefix}.
 */
final class WhizbangSide implements AutoCloseable {
  private final SqlStorage owner;
  private final EventStore store;
  private final Outbox outbox;
  private final InMemoryTransport memory = new InMemoryTransport();
  private final Transport transport;
  private final Relay relay;
  private final EventFeedServer feed;
  private final ProjectionEngine engine;
  /** The message id of the last event {@link #appendLive} wrote (for harnesses that follow it on its way). */
  volatile UUID lastLiveId;

  WhizbangSide(DataSource pool, String prefix) {
    this(pool, prefix, UnaryOperator.identity());
  }

  /** The same, with the relay and the projection on {@code wrap} of the in-memory transport (to observe it). */
  WhizbangSide(DataSource pool, String prefix, UnaryOperator<Transport> wrap) {
    transport = wrap.apply(memory);
    owner = SqlStorage.builder(pool).tablePrefix(prefix + "own_").build();
    owner.migrate();
    store = new EventStore(owner);
    outbox = new Outbox(owner);
    relay = new Relay(owner, transport, RelayConfig.builder().build());
    relay.start();
    feed = EventFeedServer.start(0,
        EventFeed.builder(owner).wireNames(List.of(Deposits.TYPE.wireName())).build(), FeedServerOptions.defaults());
    SqlStorage projections = SqlStorage.builder(pool).tablePrefix(prefix + "proj_").build();
    projections.migrate();
    engine = ProjectionEngine.builder(projections, transport)
        .registerDomain(Deposits.TYPE.domain(), ProjectionEngine.Source.feed(feed.uri())).build();
  }

  /** Appends {@code count} deposits to a new stream in one transaction ({@code SqlStorage.inTransaction}). */
  void append(String stream, long firstSeq, int count) {
    List<Envelope> events = new ArrayList<>(count);
    for (int v = 0; v < count; v++) {
      events.add(envelope(Deposits.deposit(firstSeq + v)));
    }
    owner.inTransaction(tx -> store.append(tx.connection(), stream, EventStore.NO_STREAM, events));
  }

  /**
   * Appends one live deposit to a new stream with its outbox row, as an aggregate's save does; returns when its
   * transaction committed ({@link System#nanoTime()}).
   */
  long appendLive(String stream, long liveSeq) {
    long[] committedAt = new long[1];
    owner.inTransaction(tx -> {
      tx.afterCommit(() -> committedAt[0] = System.nanoTime()); // first after-commit action: before the relay's wake
      Envelope event = envelope(Deposits.live(liveSeq));
      lastLiveId = event.messageId();
      StoredEvent stored = store.append(tx.connection(), stream, EventStore.NO_STREAM, List.of(event)).get(0);
      outbox.append(tx, List.of(Outbox.eventMessage(stored.envelopeWithCursor(), Deposits.TYPE.priority(),
          EnvelopeEncoder.standard())));
      return null;
    });
    return committedAt[0];
  }

  private static Envelope envelope(AmountDeposited deposit) {
    return new Envelope(MessageIds.next(), Deposits.TYPE.wireName(), Deposits.TYPE.domain(), deposit.account(),
        UUID.randomUUID(), null, Instant.now(), Envelope.NO_POSITION, Map.of(),
        Json.encode((JsonCodec<AmountDeposited>) Deposits.TYPE.codec(), deposit));
  }

  /** The projection's dispatcher, its checkpoint, inbox and dead letters forgotten: it starts from the beginning. */
  ProjectionDispatcher reset(WhizbangBalances projection) {
    ProjectionDispatcher dispatcher = new WhizbangBalances_Dispatcher(projection);
    engine.rebuild(dispatcher, tx -> null);
    return dispatcher;
  }

  RunningProjection start(ProjectionDispatcher dispatcher) {
    return engine.start(dispatcher);
  }

  @Override
  public void close() {
    feed.close();
    relay.close();
    memory.close();
  }
}
