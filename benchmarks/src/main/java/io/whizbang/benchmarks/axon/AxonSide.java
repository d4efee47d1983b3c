package io.whizbang.benchmarks.axon;

import io.whizbang.benchmarks.feed.AmountDeposited;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon Framework 4.13 without Axon Server or Spring: {@link JdbcEventStorageEngine} on PostgreSQL behind an
 * {@link EmbeddedEventStore}, a {@link JdbcTokenStore}, Jackson for events and tokens, and {@link JdbcTransactions}
 * as transaction manager and connection provider, all on tables named with {@code prefix}.
 */
final class AxonSide implements AutoCloseable {
  /**
   * Axon's two streaming processors. Tracking is the default: its thread waits on the embedded store's stream and is
   * woken when an event is appended in this process. The pooled one's coordinator cannot be woken that way (the
   * embedded store's stream offers no availability callback), so when idle it looks again every 500 ms.
   */
  enum Processor { TRACKING, POOLED }

  /** Events per query of the storage engine and per transaction of a processor: Whizbang's page size (500). */
  static final int BATCH = 500;

  private final JdbcTransactions transactions;
  private final JdbcEventStorageEngine engine;
  private final EmbeddedEventStore store;
  private final JdbcTokenStore tokens;
  private final List<StreamingEventProcessor> processors = new ArrayList<>();
  private final List<ScheduledExecutorService> executors = new ArrayList<>();

  AxonSide(DataSource pool, String prefix) {
    transactions = new JdbcTransactions(pool);
    JacksonSerializer json = JacksonSerializer.defaultSerializer();
    engine = JdbcEventStorageEngine.builder()
        .connectionProvider(transactions)
        .transactionManager(transactions)
        .eventSerializer(json)
        .snapshotSerializer(json)
        .schema(EventSchema.builder().eventTable(prefix + "domain_events").snapshotTable(prefix + "snapshots").build())
        .batchSize(BATCH)
        .build();
    engine.createSchema(PostgresEventTableFactory.INSTANCE);
    store = EmbeddedEventStore.builder().storageEngine(engine).build();
    tokens = JdbcTokenStore.builder()
        .connectionProvider(transactions)
        .serializer(json)
        .schema(TokenSchema.builder().setTokenTable(prefix + "tokens").build())
        .build();
    tokens.createSchema(PostgresTokenTableFactory.INSTANCE);
  }

  /**
   * Appends {@code count} deposits to a new aggregate in one transaction (the event store's own: published outside a
   * unit of work, the store appends at once).
   */
  void append(String aggregate, long firstSeq, int count) {
    List<EventMessage<?>> events = new ArrayList<>(count);
    for (int v = 0; v < count; v++) {
      events.add(event(aggregate, v, Deposits.deposit(firstSeq + v)));
    }
    store.publish(events);
  }

  /** Appends one live deposit; returns when its transaction committed ({@link System#nanoTime()}). */
  long appendLive(String aggregate, long sequenceInAggregate, long liveSeq) {
    store.publish(event(aggregate, sequenceInAggregate, Deposits.live(liveSeq)));
    return transactions.lastCommitNanos();
  }

  private static EventMessage<AmountDeposited> event(String aggregate, long sequence, AmountDeposited deposit) {
    return new GenericDomainEventMessage<>("Account", aggregate, sequence, deposit);
  }

  /**
   * Starts a streaming processor of {@code kind} named {@code name} from the tail of the store: one segment (every
   * event in order on one thread, as the Whizbang projection applies them), {@link #BATCH} events per transaction.
   */
  StreamingEventProcessor start(Processor kind, String name, AxonBalances handler) {
    StreamingEventProcessor processor = kind == Processor.TRACKING ? tracking(name, handler) : pooled(name, handler);
    processors.add(processor);
    processor.start();
    return processor;
  }

  private TrackingEventProcessor tracking(String name, AxonBalances handler) {
    return TrackingEventProcessor.builder()
        .name(name)
        .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
        .messageSource(store)
        .tokenStore(tokens)
        .transactionManager(transactions)
        .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
            .andBatchSize(BATCH)
            .andInitialTrackingToken(source -> source.createTailToken()))
        .build();
  }

  private PooledStreamingEventProcessor pooled(String name, AxonBalances handler) {
    ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
    ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
    executors.add(coordinator);
    executors.add(worker);
    return PooledStreamingEventProcessor.builder()
        .name(name)
        .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
        .messageSource(store)
        .tokenStore(tokens)
        .transactionManager(transactions)
        .coordinatorExecutor(coordinator)
        .workerExecutor(worker)
        .initialSegmentCount(1)
        .initialToken(source -> source.createTailToken())
        .batchSize(BATCH)
        .build();
  }

  void stop(StreamingEventProcessor processor) {
    processor.shutdownAsync().join();
  }

  @Override
  public void close() {
    for (StreamingEventProcessor p : processors) {
      if (p.isRunning()) {
        p.shutdownAsync().join();
      }
    }
    store.shutDown();
    executors.forEach(ScheduledExecutorService::shutdownNow);
  }
}
