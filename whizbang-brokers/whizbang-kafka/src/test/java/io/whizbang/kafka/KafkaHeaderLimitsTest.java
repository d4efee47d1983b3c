package io.whizbang.kafka;

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
 * Kafka limits headers only through the record they are part of: the producer refuses a record over
 * {@code max.request.size}, measured uncompressed. The transport declares that limit, so an outbox built with it
 * refuses such a message before storing it, and a message right at the declared limit still goes through.
 */
class KafkaHeaderLimitsTest {

  private static final String BODY = "{\"id\":\"k:1\"}";
  private final List<KafkaTransport> transports = new ArrayList<>();

  @BeforeEach
  void broker() {
    KafkaBroker.require();
  }

  @AfterEach
  void closeTransports() {
    transports.forEach(KafkaTransport::close);
  }

  /** A message whose size, as the limits measure it (body, key, headers), is {@code size} bytes. */
  private static OutgoingMessage sized(String domain, TransportLimits limits, int size) {
    String name = "x-upstream-context";
    // The key is carried in wb-partition-key, as the runtime's own messages carry it.
    int keyHeader = "wb-partition-key".length() + 1 + limits.bytesPerHeader();
    int value = size - BODY.length() - 1 - keyHeader - name.length() - limits.bytesPerHeader();
    return new OutgoingMessage(UUID.randomUUID(), domain + ".Placed", Destination.events(domain), "k", 0,
        Map.of(name, "x".repeat(value), "wb-partition-key", "k"), BODY.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theProducersMaxRequestSizeIsTheLimitAndAMessageAtItIsAcceptedWhileOneMoreByteIsRefusedBeforeTheOutbox()
      throws Exception {
    KafkaTransport kafka = KafkaTransport.connect(KafkaBroker.config()
        .producerProperty("max.request.size", "100000").build());
    transports.add(kafka);
    TransportLimits limits = kafka.limits();
    assertThat(limits.source()).isEqualTo("Kafka producer max.request.size 100000 less 512 bytes of record overhead");
    assertThat(limits.maxMessageBytes()).isEqualTo(99_488);
    assertThat(limits.maxHeaderBytes()).as("no header limit of its own").isEqualTo(Integer.MAX_VALUE);
    String domain = KafkaBroker.uniqueDomain("limits");

    // Right at the declared limit: the producer and the broker take it.
    kafka.publish(List.of(sized(domain, limits, 99_488))).get(0).get(30, TimeUnit.SECONDS);

    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:kl" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    SqlStorage storage = SqlStorage.builder(h2).build();
    storage.migrate();
    Outbox outbox = new Outbox(storage, kafka.limits());
    OutgoingMessage over = sized(domain, limits, 99_489);
    try (Connection c = h2.getConnection()) {
      assertThatThrownBy(() -> outbox.append(c, List.of(over)))
          .isInstanceOf(TransportLimitException.class)
          .hasMessage("Message " + domain + ".Placed " + over.messageId() + " exceeds the limits of the transport"
              + " (Kafka producer max.request.size 100000 less 512 bytes of record overhead): it is 99489 bytes"
              + " (body 12, headers 99476, partition key included), over the 99488 bytes it allows; its largest"
              + " header, 'x-upstream-context', is 99449 bytes. It was not written to the outbox "
              + StorageInternals.tables(storage).outbox() + ": keep large data out of headers, partition keys and messages (store"
              + " it and send its id)");
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("select count(*) from " + StorageInternals.tables(storage).outbox())) {
        r.next();
        assertThat(r.getLong(1)).isZero();
      }
    }
  }

  @Test
  void withoutAProducerSettingTheLimitIsKafkasDefault() {
    KafkaTransport kafka = KafkaTransport.connect(KafkaBroker.config().build());
    transports.add(kafka);
    assertThat(kafka.limits().maxMessageBytes()).isEqualTo(1_048_576 - 512);
  }
}
