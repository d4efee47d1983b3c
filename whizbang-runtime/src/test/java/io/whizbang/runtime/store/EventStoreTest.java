package io.whizbang.runtime.store;

import static io.whizbang.runtime.store.Envelopes.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.storage.StorageException;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventStoreTest {

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void appendedEventsReadBackAsWritten(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db); Connection c = fixture.connection()) {
      EventStore store = new EventStore(fixture.storage());
      Envelope placed = event("orders.OrderPlaced", "o-1", "{\"total\":10}");
      Envelope paid = event("orders.OrderPaid", "o-1", "{\"amount\":10}");

      List<StoredEvent> stored = store.append(c, "order-1", EventStore.NO_STREAM, List.of(placed, paid));

      assertThat(stored).extracting(StoredEvent::streamVersion).containsExactly(1L, 2L);
      assertThat(stored.get(1).position()).isGreaterThan(stored.get(0).position());
      List<StoredEvent> read = store.readStream(c, "order-1");
      assertThat(read).extracting(StoredEvent::envelope)
          .containsExactly(placed.withPosition(stored.get(0).position()), paid.withPosition(stored.get(1).position()));
      assertThat(store.currentVersion(c, "order-1")).isEqualTo(2);
      assertThat(store.readStream(c, "order-1", 1)).extracting(StoredEvent::streamVersion).containsExactly(2L);
      assertThat(store.readStream(c, "order-404")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void wrongExpectedVersionNamesStreamExpectedAndActual(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db); Connection c = fixture.connection()) {
      EventStore store = new EventStore(fixture.storage());
      store.append(c, "order-2", 0, List.of(event("orders.OrderPlaced", "o-2", "{}")));

      assertThatThrownBy(() -> store.append(c, "order-2", 0, List.of(event("orders.OrderPlaced", "o-2", "{}"))))
          .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
            assertThat(e.streamId()).isEqualTo("order-2");
            assertThat(e.expectedVersion()).isZero();
            assertThat(e.actualVersion()).isEqualTo(1);
          })
          .hasMessage("Stream 'order-2' was expected to be new (version 0) but already has events; reload and retry");
      assertThat(store.currentVersion(c, "order-2")).isEqualTo(1);
      store.append(c, "order-2", 1, List.of(event("orders.OrderPaid", "o-2", "{}")));
      assertThatThrownBy(() -> store.append(c, "order-2", 1, List.of(event("orders.OrderPaid", "o-2", "{}"))))
          .hasMessage("Stream 'order-2' was expected at version 1 but is at version 2; reload and retry");

      store.append(c, "order-2", EventStore.ANY_VERSION, List.of(event("orders.OrderPaid", "o-2", "{}")));
      assertThat(store.currentVersion(c, "order-2")).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void concurrentAppendsAtTheSameVersionLetExactlyOneWin(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      EventStore store = new EventStore(fixture.storage());
      int writers = 6;
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<Boolean>> results = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
          results.add(pool.submit(() -> {
            go.await();
            try (Connection c = fixture.connection()) {
              store.append(c, "order-race", 0, List.of(event("orders.OrderPlaced", "race", "{}")));
              return true;
            } catch (ConcurrencyException e) {
              assertThat(e.streamId()).isEqualTo("order-race");
              return false;
            }
          }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> r : results) {
          winners += r.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
        try (Connection c = fixture.connection()) {
          assertThat(store.readStream(c, "order-race")).hasSize(1);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aDuplicateMessageIdIsRefusedAndNothingOfTheAppendRemains(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db); Connection c = fixture.connection()) {
      EventStore store = new EventStore(fixture.storage());
      Envelope placed = event("orders.OrderPlaced", "o-3", "{}");
      store.append(c, "order-3", 0, List.of(placed));

      assertThatThrownBy(() -> store.append(c, "order-4", 0, List.of(event("orders.OrderPlaced", "o-4", "{}"), placed)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("same message id is already stored");
      assertThat(store.readStream(c, "order-4")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void readAllPagesAndFiltersByWireNameWithBoundParameters(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db); Connection c = fixture.connection()) {
      EventStore store = new EventStore(fixture.storage());
      for (int i = 1; i <= 5; i++) {
        store.append(c, "order-" + i, 0, List.of(
            event("orders.OrderPlaced", "o" + i, "{\"n\":" + i + "}"),
            event("orders.OrderPaid", "o" + i, "{\"n\":" + i + "}")));
      }
      fixture.awaitReadFence();

      EventStore.Page first = store.readAll(c, EventCursor.START, Set.of("orders.OrderPaid"), 3);
      assertThat(first.events()).extracting(Envelopes::payload).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
      assertThat(first.atHead()).isFalse();
      EventStore.Page rest = store.readAll(c, EventCursor.parse(first.next().token()), Set.of("orders.OrderPaid"), 3);
      assertThat(rest.events()).extracting(Envelopes::payload).containsExactly("{\"n\":4}", "{\"n\":5}");
      assertThat(rest.atHead()).isTrue();
      assertThat(store.readAll(c, rest.next(), Set.of(), 100).events()).isEmpty();

      assertThat(store.readAll(c, EventCursor.START, null, 100).events()).hasSize(10);
      String hostile = "x' or '1'='1";
      assertThat(store.readAll(c, EventCursor.START, Set.of(hostile), 100).events()).isEmpty();
      assertThat(store.readAll(c, EventCursor.START, Set.of(), 100).events()).hasSize(10);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void badReadArgumentsAreRefused(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db); Connection c = fixture.connection()) {
      EventStore store = new EventStore(fixture.storage());
      assertThatThrownBy(() -> store.readAll(c, EventCursor.START, null, 0))
          .hasMessage("limit must be between 1 and 10000, was 0");
      assertThatThrownBy(() -> store.readAll(c, EventCursor.START, null, 10_001))
          .hasMessage("limit must be between 1 and 10000, was 10001");
      assertThatThrownBy(() -> store.append(c, "", 0, List.of(event("a", "k", "{}"))))
          .hasMessageContaining("stream id must have 1 to 200 characters");
      assertThatThrownBy(() -> store.append(c, "s", -2, List.of(event("a", "k", "{}"))))
          .hasMessageContaining("expectedVersion must be >= 0 or ANY_VERSION");
    }
  }
}
