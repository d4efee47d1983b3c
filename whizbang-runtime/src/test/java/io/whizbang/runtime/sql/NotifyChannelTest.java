package io.whizbang.runtime.sql;

import io.whizbang.runtime.storage.SqlStorage;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The outbox's notification channel stays within PostgreSQL's 63-byte identifiers, whatever the schema and prefix:
 * a longer name is cut by {@code LISTEN} but refused by {@code pg_notify}, so relays of other processes were never
 * woken.
 */
class NotifyChannelTest {

  @Test
  void longSchemaAndPrefixGiveAStableChannelOfAtMost63Characters() {
    String schema = "s".repeat(31);
    TableNames a = TableNames.of(schema, "a".repeat(29) + "_");
    TableNames b = TableNames.of(schema, "a".repeat(28) + "b_");

    assertThat(a.outboxChannel()).hasSizeLessThanOrEqualTo(63).startsWith("whizbang_outbox_sss")
        .isEqualTo(TableNames.of(schema, "a".repeat(29) + "_").outboxChannel())
        .isNotEqualTo(b.outboxChannel());
    assertThat(TableNames.of("billing", "svc_").outboxChannel()).isEqualTo("whizbang_outbox_billing_svc_");
  }

  @Test
  void aRelayOfAnotherProcessIsWokenWithA61CharacterQualifier() throws Exception {
    TestDb.requirePostgres();
    String schema = "wb" + UUID.randomUUID().toString().replace("-", "").substring(0, 29);
    String prefix = "p".repeat(29) + "_";
    SqlStorage storage = SqlStorage.builder(TestDb.postgres()).schema(schema).tablePrefix(prefix).build();
    storage.migrate();
    try (Connection listener = TestDb.postgres().getConnection()) {
      try (Statement s = listener.createStatement()) {
        s.execute("listen " + StorageInternals.tables(storage).outboxChannel());
      }
      storage.notifyCommitted();

      List<String> channels = new ArrayList<>();
      PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(10_000);
      for (PGNotification n : received == null ? new PGNotification[0] : received) {
        channels.add(n.getName());
      }
      assertThat(channels).contains(StorageInternals.tables(storage).outboxChannel());
    } finally {
      try (Connection c = TestDb.postgres().getConnection()) {
        StorageFixture.dropTables(c, StorageInternals.tables(storage));
      }
    }
  }
}
