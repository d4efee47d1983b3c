package io.whizbang.runtime.sql;

import io.whizbang.runtime.storage.SqlStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageConfigTest {
  private final SqlStorage.Builder builder = StorageInternals.withDialect(SqlStorage.builder(new JdbcDataSource()), SqlDialect.h2());

  @ParameterizedTest
  @ValueSource(strings = {"Orders_", "orders-", "orders_; drop table x", "1orders_", "a_very_long_prefix_beyond_thirty_chars_"})
  void invalidTablePrefixIsRefused(String prefix) {
    assertThatThrownBy(() -> builder.tablePrefix(prefix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid table prefix '" + prefix + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Orders", "9orders", "orders.x", ""})
  void invalidSchemaIsRefused(String schema) {
    assertThatThrownBy(() -> builder.schema(schema))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid schema name");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 4097})
  void partitionCountOutOfRangeIsRefused(int partitions) {
    assertThatThrownBy(() -> builder.outboxPartitions(partitions))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outboxPartitions must be between 1 and 4096, was " + partitions);
  }

  @Test
  void tableNamesCarrySchemaAndPrefix() {
    TableNames names = TableNames.of("billing", "svc_");
    assertThat(names.events()).isEqualTo("billing.svc_events");
    assertThat(names.table("inbox")).isEqualTo("billing.svc_inbox");
    assertThat(names.outboxChannel()).isEqualTo("whizbang_outbox_billing_svc_");
    assertThat(TableNames.of(null, null).outbox()).isEqualTo("outbox");
  }

  @Test
  void migrationsWithDuplicateVersionsAreRefused() {
    Migration one = new Migration(1, "a", (d, t) -> List.of());
    Migration again = new Migration(1, "b", (d, t) -> List.of());
    assertThatThrownBy(() -> new SchemaMigrator(new JdbcDataSource(), SqlDialect.h2(), TableNames.of(null, "x_"),
        List.of(one, again), 1))
        .hasMessage("Two migrations share version 1");
    assertThatThrownBy(() -> new Migration(0, "zero", (d, t) -> List.of()))
        .hasMessageContaining("must be positive");
  }

  @Test
  void headersRoundTrip() {
    var headers = java.util.Map.of("traceparent", "00-abc-def-01", "quote", "a\"b\\c");
    assertThat(SqlHeaders.decode(SqlHeaders.encode(headers))).isEqualTo(headers);
    assertThat(SqlHeaders.decode(SqlHeaders.encode(java.util.Map.of()))).isEmpty();
  }
}
