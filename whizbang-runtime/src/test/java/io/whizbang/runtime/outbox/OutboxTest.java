package io.whizbang.runtime.outbox;

import static io.whizbang.runtime.outbox.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.sql.SqlHeaders;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.storage.StorageException;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OutboxTest {

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aRolledBackBusinessTransactionLeavesNoOutboxRow(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db); Connection c = fixture.connection()) {
      Outbox outbox = new Outbox(fixture.storage());
      String business = StorageInternals.tables(fixture.storage()).table("orders_probe");
      fixture.execute("create table " + business + " (id varchar(20))");
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("insert into " + business + " values ('o-1')");
      }
      outbox.append(c, List.of(message("o-1", 1)));
      c.rollback();

      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outbox())).isZero();
      assertThat(fixture.count("select count(*) from " + business)).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aCommittedTransactionStoresTheMessageBytesOnce(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db); Connection c = fixture.connection()) {
      Outbox outbox = new Outbox(fixture.storage());
      OutgoingMessage m = message("o-2", 1);
      c.setAutoCommit(false);
      outbox.append(c, List.of(m));
      c.commit();

      try (PreparedStatement s = c.prepareStatement("select message_id, destination_kind, destination_domain,"
          + " partition_key, wire_name, priority, headers, body, attempts, published_at_ms from "
          + StorageInternals.tables(fixture.storage()).outbox())) {
        try (ResultSet r = s.executeQuery()) {
          assertThat(r.next()).isTrue();
          assertThat(r.getObject(1, UUID.class)).isEqualTo(m.messageId());
          assertThat(r.getString(2)).isEqualTo("EVENTS");
          assertThat(r.getString(3)).isEqualTo("orders");
          assertThat(r.getString(4)).isEqualTo("o-2");
          assertThat(r.getString(5)).isEqualTo("orders.OrderPlaced");
          assertThat(r.getInt(6)).isZero();
          assertThat(SqlHeaders.decode(r.getString(7))).isEqualTo(m.headers());
          assertThat(r.getBytes(8)).isEqualTo(m.body());
          assertThat(r.getInt(9)).isZero();
          assertThat(r.getObject(10)).isNull();
          assertThat(r.next()).isFalse();
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aDuplicateMessageIdIsRefusedWithAClearError(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db); Connection c = fixture.connection()) {
      Outbox outbox = new Outbox(fixture.storage());
      OutgoingMessage m = message("o-3", 1);
      outbox.append(c, List.of(m));
      assertThatThrownBy(() -> outbox.append(c, List.of(message("o-3", 2), m)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("same message id is already in");
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outbox())).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aJdbiHandleJoinsItsTransaction(TestDb db) {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      Outbox outbox = new Outbox(fixture.storage());
      Jdbi jdbi = Jdbi.create(fixture.dataSource());
      assertThatThrownBy(() -> jdbi.useTransaction(handle -> {
        outbox.append(handle, List.of(message("o-4", 1)));
        throw new IllegalStateException("abort");
      })).hasMessage("abort");
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outbox())).isZero();

      jdbi.useTransaction(handle -> outbox.append(handle, List.of(message("o-4", 2))));
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outbox())).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void appendingInAStorageTransactionSignalsOnlyAfterCommit(TestDb db) {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      Outbox outbox = new Outbox(fixture.storage());
      AtomicInteger signals = new AtomicInteger();
      StorageInternals.commitSignal(fixture.storage()).listen(signals::incrementAndGet);

      fixture.storage().inTransaction(tx -> {
        outbox.append(tx, List.of(message("o-5", 1)));
        outbox.append(tx, List.of(message("o-5", 2)));
        assertThat(signals).hasValue(0);
        return null;
      });
      assertThat(signals).hasValue(1);

      assertThatThrownBy(() -> fixture.storage().inTransaction(tx -> {
        outbox.append(tx, List.of(message("o-5", 3)));
        throw new IllegalStateException("abort");
      })).hasMessage("abort");
      assertThat(signals).hasValue(1);
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outbox())).isEqualTo(2);
    }
  }

  @Test
  void partitionsAreStableAndSpread() {
    UUID id = UUID.randomUUID();
    assertThat(OutboxPartitioner.partitionOf("order-1", id, 32))
        .isEqualTo(OutboxPartitioner.partitionOf("order-1", UUID.randomUUID(), 32));
    java.util.Set<Integer> used = new java.util.HashSet<>();
    for (int i = 0; i < 1000; i++) {
      int p = OutboxPartitioner.partitionOf("order-" + i, id, 32);
      assertThat(p).isBetween(0, 31);
      used.add(p);
    }
    assertThat(used).hasSize(32);
  }
}
