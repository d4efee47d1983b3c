package io.whizbang.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.TransportLimitException;
import io.whizbang.runtime.transport.TransportLimits;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQS counts a message's attributes, which carry its headers, toward its 256 KiB. The transport declares that
 * limit, so an outbox built with it refuses a message whose headers would take it over before storing it, and a
 * message right at the declared limit is still sent.
 */
class HeaderLimitsTest {

  private static final String BODY = "{\"id\":\"k:1\"}";
  private final List<SqsTransport> transports = new ArrayList<>();

  @BeforeEach
  void requireServer() {
    Servers.ELASTICMQ.require();
  }

  @AfterEach
  void cleanUp() {
    transports.forEach(t -> Cleanup.delete(Servers.ELASTICMQ, t));
  }

  /** A command whose size, as the limits measure it (body, key, headers), is {@code size} bytes. */
  private static OutgoingMessage sized(TransportLimits limits, int size) {
    String name = "x-upstream-context";
    // The key is carried in wb-partition-key, as the runtime's own messages carry it.
    int keyHeader = "wb-partition-key".length() + 1 + limits.bytesPerHeader();
    int value = size - BODY.length() - 1 - keyHeader - name.length() - limits.bytesPerHeader();
    return new OutgoingMessage(UUID.randomUUID(), "orders.Ship", Destination.commands("orders"), "k", 0,
        Map.of(name, "x".repeat(value), "wb-partition-key", "k"), BODY.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aHeaderSetThatWouldTakeTheMessageOver256KibIsRefusedBeforeTheOutboxWhileOneAtTheDeclaredLimitIsSent()
      throws Exception {
    SqsTransport transport = SqsTransport.connect(Servers.ELASTICMQ.config().build());
    transports.add(transport);
    TransportLimits limits = transport.limits();
    assertThat(limits.source())
        .isEqualTo("SQS/SNS message size 262144 (body and attributes) less 512 bytes for the attributes it adds");
    assertThat(limits.maxMessageBytes()).isEqualTo(262_144 - 512);

    // Without the standard headers, the transport adds wb-type, wb-message-id and wb-partition-key itself.
    transport.publish(List.of(sized(limits, 261_632))).get(0).get(20, TimeUnit.SECONDS);

    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:sl" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    SqlStorage storage = SqlStorage.builder(h2).build();
    storage.migrate();
    Outbox outbox = new Outbox(storage, limits);
    OutgoingMessage over = sized(limits, 261_633);
    try (Connection c = h2.getConnection()) {
      assertThatThrownBy(() -> outbox.append(c, List.of(over)))
          .isInstanceOf(TransportLimitException.class)
          .hasMessageContaining("Message orders.Ship " + over.messageId() + " exceeds the limits of the transport"
              + " (SQS/SNS message size 262144 (body and attributes) less 512 bytes for the attributes it adds): it"
              + " is 261633 bytes (body 12, headers 261620, partition key included), over the 261632 bytes it"
              + " allows; its largest header, 'x-upstream-context', is 261597 bytes. It was not written to the"
              + " outbox");
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("select count(*) from " + StorageInternals.tables(storage).outbox())) {
        r.next();
        assertThat(r.getLong(1)).isZero();
      }
    }
  }
}
