package io.whizbang.runtime.sql;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One versioned step of the runtime's schema. Steps are applied in version order, each once, and recorded in the
 * {@code schema_version} table; their statements must be safe to run again (H2 commits DDL one statement at a time,
 * so a crash can leave a step half-applied).
 *
 * @param version a positive number, unique in the migration list
 * @param description what the step creates, recorded with the version
 * @param statements the DDL for a dialect and table set
 */
public record Migration(
    int version, String description, BiFunction<SqlDialect, TableNames, List<String>> statements) {

  public Migration {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(statements, "statements");
    if (version < 1) {
      throw new IllegalArgumentException("Migration version must be positive, was " + version);
    }
  }
}
