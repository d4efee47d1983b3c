package io.whizbang.rabbitmq;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.testfixtures.AppliedEvents;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL schema of its own with the runtime's tables and one effects table, for inbox-guarded subscribers of
 * {@link PlacedEvents}: each applied event writes a row (key, seq) in the transaction the inbox records it in. Planned
 * handler failures ({@link #failTimes}) throw before the row is written, so the transaction rolls back.
 */
final class InboxHarness implements AutoCloseable {

  final PGSimpleDataSource postgres;
  final String schema;
  final SqlStorage storage;
  final AppliedEvents applied;
  private final Map<String, AtomicInteger> plannedFailures = new ConcurrentHashMap<>();
  private final AtomicInteger failures = new AtomicInteger();

  InboxHarness(String prefix) {
    postgres = Postgres.require();
    schema = "wbrmq_" + prefix.replace("wbtest.", "").replace(".", "");
    storage = SqlStorage.builder(postgres).schema(schema).build();
    storage.migrate();
    applied = AppliedEvents.create(postgres, schema + ".effects");
  }

  /** The handler of event {@code seq} of {@code key} throws its next {@code times} runs. */
  void failTimes(String key, int seq, int times) {
    plannedFailures.put(key + ":" + seq, new AtomicInteger(times));
  }

  /** Handler runs that failed as planned. */
  int failures() {
    return failures.get();
  }

  /** An inbox-guarded subscriber {@code subscriberId} applying {@link PlacedEvents} with this retry policy. */
  InboxConsumer consumer(String subscriberId, InboxConfig.RetryPolicy policy) {
    return consumer(subscriberId, policy, () -> true);
  }

  /**
   * The same, for an instance that can be killed: once {@code alive} says false its handlers throw
   * {@link ProcessKilled} before writing anything, as a dead process applies nothing.
   */
  InboxConsumer consumer(String subscriberId, InboxConfig.RetryPolicy policy, java.util.function.BooleanSupplier alive) {
    return consumer(subscriberId, policy, alive, b -> b);
  }

  /** The same, with further inbox settings (a clock, a stale-message policy). */
  InboxConsumer consumer(String subscriberId, InboxConfig.RetryPolicy policy, java.util.function.BooleanSupplier alive,
      java.util.function.UnaryOperator<InboxConfig.Builder> settings) {
    MessageDispatcher recorder = applied.recorder("Effects", Set.of(PlacedEvents.WIRE_NAME), PlacedEvents::read);
    MessageDispatcher failing = new MessageDispatcher() {
      @Override
      public String handlerName() {
        return recorder.handlerName();
      }

      @Override
      public Set<String> wireNames() {
        return recorder.wireNames();
      }

      @Override
      public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
        if (!alive.getAsBoolean()) {
          throw new ProcessKilled();
        }
        AppliedEvents.Applied event = PlacedEvents.read(envelope);
        AtomicInteger left = plannedFailures.get(event.key() + ":" + event.seq());
        if (left != null && left.getAndDecrement() > 0) {
          failures.incrementAndGet();
          throw new IllegalStateException("planned failure of " + event.key() + ":" + event.seq());
        }
        recorder.dispatch(envelope, context);
      }
    };
    return InboxConsumer.builder(storage, subscriberId).dispatchers(java.util.List.of(failing))
        .config(settings.apply(InboxConfig.builder().retryPolicy(policy)).build()).build();
  }

  /** What a handler of a killed instance throws: the inbox treats an Error like a crash (rolled back, not counted). */
  static final class ProcessKilled extends Error {
    ProcessKilled() {
      super("the instance was killed", null, false, false);
    }
  }

  @Override
  public void close() {
    Postgres.execute(postgres, "drop schema if exists " + schema + " cascade");
  }
}
