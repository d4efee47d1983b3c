package io.whizbang.servicebus;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.envelope.MessageIds;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The effect table of one subscribing service in the end-to-end tests: one row (key, seq) per applied event, written
 * in the inbox transaction, so its rows are exactly what the service applied, in the order it applied them.
 */
final class AppliedEvents {

  static final String WIRE_NAME = "orders.Placed";

  private final DataSource dataSource;
  final String table;

  private AppliedEvents(DataSource dataSource, String table) {
    this.dataSource = dataSource;
    this.table = table;
  }

  static AppliedEvents create(StorageFixture db, String service) {
    String table = "sb_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_" + service;
    db.execute("create table " + table + " (id bigint generated always as identity primary key,"
        + " k varchar(20) not null, seq int not null)");
    return new AppliedEvents(db.dataSource(), table);
  }

  /** An event as the runtime writes it to the outbox: an encoded envelope and its broker headers. */
  static OutgoingMessage placed(String domain, String key, int seq) {
    byte[] payload = ("{\"k\":\"" + key + "\",\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
    Envelope envelope = new Envelope(MessageIds.next(), WIRE_NAME, domain, key, UUID.randomUUID(), null,
        Instant.now(), Envelope.NO_POSITION, Map.of(), payload);
    return new OutgoingMessage(envelope.messageId(), WIRE_NAME, Destination.events(domain), key, 0,
        BrokerHeaders.of(envelope), EnvelopeCodec.encode(envelope));
  }

  /** The handler: one row per event, in the inbox transaction. */
  MessageDispatcher recorder() {
    return new MessageDispatcher() {
      @Override
      public String handlerName() {
        return "RecordingHandlers";
      }

      @Override
      public Set<String> wireNames() {
        return Set.of(WIRE_NAME);
      }

      @Override
      public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
        String json = new String(envelope.payload(), StandardCharsets.UTF_8);
        String key = json.substring(json.indexOf("\"k\":\"") + 5, json.indexOf("\","));
        int seq = Integer.parseInt(json.substring(json.indexOf("\"seq\":") + 6, json.indexOf('}')));
        try (PreparedStatement insert =
            context.connection().prepareStatement("insert into " + table + " (k, seq) values (?, ?)")) {
          insert.setString(1, key);
          insert.setInt(2, seq);
          insert.executeUpdate();
        }
      }
    };
  }

  long count() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Applied sequence numbers per key, in the order they were applied. */
  Map<String, List<Integer>> seqsByKey() throws SQLException {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("select k, seq from " + table + " order by id")) {
      while (rows.next()) {
        byKey.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getInt(2));
      }
    }
    return byKey;
  }
}
