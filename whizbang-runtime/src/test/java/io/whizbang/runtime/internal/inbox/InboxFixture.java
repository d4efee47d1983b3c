package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Migrated tables, an effects table and a step dispatcher writing to it; closes the consumers it built. */
final class InboxFixture implements AutoCloseable {
  final StorageFixture storage;
  final String effects;
  final StepDispatcher dispatcher;
  private final List<InboxConsumer> consumers = new ArrayList<>();

  InboxFixture(TestDb db) {
    this.storage = StorageFixture.create(db);
    this.effects = StorageInternals.tables(storage.storage()).table("effects");
    storage.execute(StepDispatcher.createTableSql(effects));
    this.dispatcher = new StepDispatcher(effects);
  }

  InboxConsumer consumer(String id, UnaryOperator<InboxConfig.Builder> options) {
    InboxConsumer c = InboxConsumer.builder(storage.storage(), id).dispatchers(List.of(dispatcher))
        .config(options.apply(InboxConfig.builder()).build()).build();
    consumers.add(c);
    return c;
  }

  InboxConsumer consumer(UnaryOperator<InboxConfig.Builder> options) {
    return consumer("svc", options);
  }

  long effectCount() {
    return storage.count("select count(*) from " + effects);
  }

  long inboxRows() {
    return storage.count("select count(*) from " + StorageInternals.tables(storage.storage()).table("inbox"));
  }

  /** The sequence numbers of every key's effects, in the order they were applied. */
  Map<String, List<Integer>> effectsByKey() {
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    try (Connection c = storage.connection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select k, seq from " + effects + " order by id")) {
      while (r.next()) {
        out.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getInt(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Override
  public void close() {
    consumers.forEach(InboxConsumer::close);
    storage.close();
  }
}
