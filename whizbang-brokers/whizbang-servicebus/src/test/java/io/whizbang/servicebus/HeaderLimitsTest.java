package io.whizbang.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.TransportLimitException;
import io.whizbang.runtime.transport.TransportLimits;
import io.whizbang.servicebus.testserver.TestServiceBus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Service Bus takes 256 KiB per message on the Standard tier and 64 KiB of application properties on every tier.
 * The transport declares both, so an outbox built with its limits refuses a message over either before storing it,
 * and a message right at the declared size limit is still sent (the test server enforces the Standard 256 KiB).
 */
class HeaderLimitsTest {

  private final TestServiceBus server = TestServiceBus.shared();
  private final TestServerProvisioner provisioner = new TestServerProvisioner(server);

  @BeforeEach
  void serverRunning() {
    server.requireRunning();
  }

  @AfterEach
  void deleteEntities() {
    provisioner.deleteDeclared();
  }

  /** A command of {@code size} bytes as the limits measure it: its key counts as its wb-partition-key header. */
  private static OutgoingMessage sized(TransportLimits limits, int size, Map<String, String> headers) {
    int headerBytes = "wb-partition-key".length() + 1 + limits.bytesPerHeader();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      headerBytes += h.getKey().length() + h.getValue().length() + limits.bytesPerHeader();
    }
    byte[] body = new byte[size - 1 - headerBytes];
    Arrays.fill(body, (byte) 'x');
    return new OutgoingMessage(UUID.randomUUID(), "orders.Ship", Destination.commands("orders"), "k", 0, headers,
        body);
  }

  private static SqlStorage h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:sb" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    SqlStorage storage = SqlStorage.builder(h2).build();
    storage.migrate();
    return storage;
  }

  @Test
  void aMessageOverTheDeclaredSizeIsRefusedBeforeTheOutboxWhileOneAtItIsSent() throws Exception {
    try (ServiceBusTransport transport = ServiceBusTransport.connect(ServiceBusConfig.builder()
        .connectionString(server.connectionString()).namePrefix("hl" + UUID.randomUUID().toString().substring(0, 8))
        .provisioner(provisioner).operationTimeout(Duration.ofSeconds(10)).build())) {
      TransportLimits limits = transport.limits();
      assertThat(limits.maxMessageBytes()).isEqualTo(256 * 1024 - 8192);
      assertThat(limits.maxHeaderBytes()).isEqualTo(64 * 1024 - 8192);

      transport.publish(List.of(sized(limits, limits.maxMessageBytes(), Map.of()))).get(0).get(30, TimeUnit.SECONDS);

      SqlStorage storage = h2();
      Outbox outbox = new Outbox(storage, limits);
      OutgoingMessage over = sized(limits, limits.maxMessageBytes() + 1, Map.of());
      try (Connection c = storage.dataSource().getConnection()) {
        assertThatThrownBy(() -> outbox.append(c, List.of(over)))
            .isInstanceOf(TransportLimitException.class)
            .hasMessageContaining("Message orders.Ship " + over.messageId() + " exceeds the limits of the transport"
                + " (Service Bus message size 262144 and 64 KiB of application properties, less 8192 bytes for the"
                + " properties it adds): it is 253953 bytes")
            .hasMessageContaining("It was not written to the outbox");
        assertThat(outboxRows(storage, c)).isZero();
      }
    }
  }

  @Test
  void headersOverSixtyFourKibibytesAreRefusedThoughTheMessageIsSmallEnough() throws Exception {
    try (ServiceBusTransport transport = ServiceBusTransport.connect(ServiceBusConfig.builder()
        .connectionString(server.connectionString()).provisioner(provisioner).build())) {
      TransportLimits limits = transport.limits();
      SqlStorage storage = h2();
      Outbox outbox = new Outbox(storage, limits);
      OutgoingMessage big = sized(limits, 100 * 1024, Map.of("x-upstream-context", "c".repeat(70 * 1024)));
      try (Connection c = storage.dataSource().getConnection()) {
        assertThatThrownBy(() -> outbox.append(c, List.of(big)))
            .isInstanceOf(TransportLimitException.class)
            .hasMessageContaining("its largest header, 'x-upstream-context'");
        assertThat(outboxRows(storage, c)).isZero();
      }
    }
  }

  @Test
  void aPremiumNamespaceDeclaresItsOwnSizeAndABadOneIsRefused() {
    ServiceBusConfig premium = ServiceBusConfig.builder().connectionString(server.connectionString())
        .maxMessageBytes(1024 * 1024).build();
    assertThat(premium.maxMessageBytes()).isEqualTo(1024 * 1024);
    assertThatThrownBy(() -> ServiceBusConfig.builder().maxMessageBytes(512))
        .isInstanceOf(ServiceBusConfigException.class)
        .hasMessage("maxMessageBytes must be from 1 KiB to 100 MiB, was 512");
  }

  private static long outboxRows(SqlStorage storage, Connection c) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from " + StorageInternals.tables(storage).outbox())) {
      r.next();
      return r.getLong(1);
    }
  }
}
