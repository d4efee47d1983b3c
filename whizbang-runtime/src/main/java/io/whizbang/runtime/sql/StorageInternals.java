package io.whizbang.runtime.sql;

import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.thread.Threads;

/**
 * The parts of a {@link SqlStorage} the runtime's own packages work with (its dialect, table names, commit signal
 * and threads), kept off its public API: {@code SqlStorage} is exported, this package is not. {@code SqlStorage}
 * hands them over when its class is initialized, which any instance or builder has caused already.
 */
public final class StorageInternals {

  /** What {@code SqlStorage} registers. */
  public interface Access {
    SqlDialect dialect(SqlStorage storage);

    TableNames tables(SqlStorage storage);

    CommitSignal commitSignal(SqlStorage storage);

    Threads threads(SqlStorage storage);

    void dialect(SqlStorage.Builder builder, SqlDialect dialect);
  }

  private static volatile Access access;

  private StorageInternals() {}

  /** Called once, by {@code SqlStorage}'s static initializer. */
  public static void register(Access value) {
    if (access != null) {
      throw new IllegalStateException("SqlStorage's internals are registered already");
    }
    access = value;
  }

  public static SqlDialect dialect(SqlStorage storage) {
    return access().dialect(storage);
  }

  public static TableNames tables(SqlStorage storage) {
    return access().tables(storage);
  }

  public static CommitSignal commitSignal(SqlStorage storage) {
    return access().commitSignal(storage);
  }

  public static Threads threads(SqlStorage storage) {
    return access().threads(storage);
  }

  /** Sets the dialect instead of detecting it from the connection (tests use dialects of their own). */
  public static SqlStorage.Builder withDialect(SqlStorage.Builder builder, SqlDialect dialect) {
    access().dialect(builder, dialect);
    return builder;
  }

  private static Access access() {
    Access a = access;
    if (a == null) {
      // A SqlStorage or its builder in hand means its class was initialized, and it registered on initialization.
      throw new IllegalStateException("SqlStorage's internals are not registered");
    }
    return a;
  }
}
