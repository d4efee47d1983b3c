package io.whizbang.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransactionsTest {

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void commitsAndRunsAfterCommitActions(TestDb db) {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      String table = StorageInternals.tables(fixture.storage()).table("tx_probe");
      fixture.execute("create table " + table + " (id int)");
      AtomicInteger after = new AtomicInteger();
      fixture.storage().inTransaction(tx -> {
        try (Statement s = tx.connection().createStatement()) {
          s.execute("insert into " + table + " values (1)");
        }
        tx.afterCommit(after::incrementAndGet);
        assertThat(after).hasValue(0);
        return null;
      });
      assertThat(after).hasValue(1);
      assertThat(fixture.count("select count(*) from " + table)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void rollsBackWhenTheWorkThrows(TestDb db) {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      String table = StorageInternals.tables(fixture.storage()).table("tx_probe");
      fixture.execute("create table " + table + " (id int)");
      AtomicInteger after = new AtomicInteger();
      assertThatThrownBy(() -> fixture.storage().inTransaction(tx -> {
        try (Statement s = tx.connection().createStatement()) {
          s.execute("insert into " + table + " values (1)");
        }
        tx.afterCommit(after::incrementAndGet);
        throw new IllegalStateException("business rule violated");
      })).isInstanceOf(IllegalStateException.class).hasMessage("business rule violated");
      assertThat(after).hasValue(0);
      assertThat(fixture.count("select count(*) from " + table)).isZero();
    }
  }
}
