package io.whizbang.runtime.outbox;

import static io.whizbang.runtime.outbox.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.TransportLimitException;
import io.whizbang.runtime.transport.TransportLimits;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An outbox built with its transport's limits refuses a message the transport could never carry before anything
 * is inserted, so that the business change of the transaction is not committed with part of its messages.
 */
class OutboxLimitsTest {

  private static final TransportLimits LIMITS = TransportLimits.of("Test broker frame_max 4096")
      .withMaxHeaderBytes(3072).withMaxHeaderNameBytes(255).withBytesPerHeader(6);

  /** A message of {@code key} with a header of {@code bytes} ASCII characters beside the usual traceparent. */
  private static OutgoingMessage withHeader(String key, String name, int bytes) {
    OutgoingMessage m = message(key, 1);
    Map<String, String> headers = new HashMap<>(m.headers());
    headers.put(name, "x".repeat(bytes));
    return new OutgoingMessage(m.messageId(), m.wireName(), m.destination(), key, m.priority(), headers, m.body());
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void anOversizedHeaderFailsTheTransactionAndNothingOfItCommits(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      Outbox outbox = new Outbox(fixture.storage(), LIMITS);
      String business = StorageInternals.tables(fixture.storage()).table("orders_probe");
      fixture.execute("create table " + business + " (id varchar(20))");

      assertThatThrownBy(() -> fixture.storage().inTransaction(tx -> {
        try (Statement s = tx.connection().createStatement()) {
          s.execute("insert into " + business + " values ('o-1')");
        }
        outbox.append(tx, List.of(message("o-1", 1), withHeader("o-1", "x-upstream-context", 5000)));
        return null;
      }))
          .isInstanceOf(TransportLimitException.class)
          .hasMessageStartingWith("Message orders.OrderPlaced ")
          .hasMessageContaining("exceeds the limits of the transport (Test broker frame_max 4096): its headers are"
              + " 5121 bytes, over the 3072 bytes of headers it allows; its largest header, 'x-upstream-context',"
              + " is 5024 bytes. It was not written to the outbox " + StorageInternals.tables(fixture.storage()).outbox());

      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outbox())).isZero();
      assertThat(fixture.count("select count(*) from " + business)).as("the business change").isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aListIsRefusedWholeBeforeItsFirstRowIsInsertedInTheCallersTransaction(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db); Connection c = fixture.connection()) {
      Outbox outbox = new Outbox(fixture.storage(), LIMITS);
      String table = StorageInternals.tables(fixture.storage()).outbox();
      c.setAutoCommit(false);
      List<OutgoingMessage> messages = List.of(message("o-2", 1), message("o-2", 2),
          withHeader("o-2", "n".repeat(256), 1));

      assertThatThrownBy(() -> outbox.append(c, messages))
          .isInstanceOf(TransportLimitException.class)
          .hasMessageContaining("the name of header 'nnnn")
          .hasMessageContaining("is 256 bytes, over the 255 bytes a header name may have. It was not written to"
              + " the outbox");
      // Still inside the caller's open transaction: not rolled back by the outbox, and yet no row of the list.
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from " + table)) {
        r.next();
        assertThat(r.getLong(1)).isZero();
      }
      assertThat(c.getAutoCommit()).isFalse();
      c.rollback();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aMessageWithinTheLimitsIsAppendedAndInAutoCommitModeTheRefusalLeavesNothing(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db); Connection c = fixture.connection()) {
      Outbox outbox = new Outbox(fixture.storage(), LIMITS);
      String table = StorageInternals.tables(fixture.storage()).outbox();

      outbox.append(c, List.of(withHeader("o-3", "x-ok", 2900)));
      assertThatThrownBy(() -> outbox.append(c, List.of(message("o-3", 2), withHeader("o-3", "x-big", 3000))))
          .isInstanceOf(TransportLimitException.class);

      assertThat(fixture.count("select count(*) from " + table)).isEqualTo(1);
      assertThat(c.getAutoCommit()).isTrue();
    }
  }
}
