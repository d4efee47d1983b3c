package io.whizbang.runtime.sql;

import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.StorageException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaMigratorTest {

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void migrationIsIdempotent(TestDb db) {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      String versions = "select count(*) from " + StorageInternals.tables(fixture.storage()).schemaVersion();
      assertThat(fixture.count(versions)).isEqualTo(StorageMigrations.all().size());

      assertThat(fixture.storage().migrate()).isEmpty();
      assertThat(fixture.sibling().migrate()).isEmpty();
      assertThat(fixture.count(versions)).isEqualTo(StorageMigrations.all().size());
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outboxPartitions()))
          .isEqualTo(SqlStorage.DEFAULT_OUTBOX_PARTITIONS);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void concurrentStartUpsApplyEachVersionOnce(TestDb db) throws Exception {
    DataSource dataSource = db.dataSource();
    String prefix = "mig" + Long.toHexString(System.nanoTime() & 0xffffff) + "_";
    int instances = 4;
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Integer>>> results = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      results.add(pool.submit(() -> {
        SqlStorage storage = SqlStorage.builder(dataSource).tablePrefix(prefix).build();
        start.await();
        return storage.migrate();
      }));
    }
    start.countDown();
    List<Integer> applied = Collections.synchronizedList(new ArrayList<>());
    try {
      for (Future<List<Integer>> result : results) {
        applied.addAll(result.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
      try (Connection c = dataSource.getConnection()) {
        StorageFixture.dropTables(c, TableNames.of(null, prefix));
      }
    }
    assertThat(applied).containsExactlyInAnyOrderElementsOf(allVersions());
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void migrationIntoOwnSchemaSharesTheDatabase(TestDb db) throws Exception {
    DataSource dataSource = db.dataSource();
    String schema = "wb" + Long.toHexString(System.nanoTime() & 0xffffff);
    SqlStorage orders = SqlStorage.builder(dataSource).schema(schema).tablePrefix("").build();
    SqlStorage other = SqlStorage.builder(dataSource).tablePrefix(schema + "_").build();
    try {
      assertThat(orders.migrate()).containsExactlyElementsOf(allVersions());
      assertThat(other.migrate()).containsExactlyElementsOf(allVersions());
      assertThat(StorageInternals.tables(orders).events()).isEqualTo(schema + ".events");
    } finally {
      try (Connection c = dataSource.getConnection()) {
        StorageFixture.dropTables(c, StorageInternals.tables(orders));
        StorageFixture.dropTables(c, StorageInternals.tables(other));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void anotherPartitionCountIsRefused(TestDb db) {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      SqlStorage mismatched = SqlStorage.builder(fixture.dataSource())
          .tablePrefix(StorageInternals.tables(fixture.storage()).prefix()).outboxPartitions(8).build();
      assertThatThrownBy(mismatched::migrate)
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("created with 32 partitions")
          .hasMessageContaining("configured with 8");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aNewerSchemaIsRefused(TestDb db) {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      fixture.execute("insert into " + StorageInternals.tables(fixture.storage()).schemaVersion()
          + " (version, description) values (99, 'from the future')");
      assertThatThrownBy(() -> fixture.storage().migrate())
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("schema version 99")
          .hasMessageContaining("upgrade the Whizbang runtime");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void dialectIsDetected(TestDb db) {
    SqlStorage storage = SqlStorage.builder(db.dataSource()).build();
    assertThat(StorageInternals.dialect(storage).name()).isEqualTo(db == TestDb.H2 ? "h2" : "postgresql");
  }

  private static List<Integer> allVersions() {
    return StorageMigrations.all().stream().map(Migration::version).toList();
  }
}
