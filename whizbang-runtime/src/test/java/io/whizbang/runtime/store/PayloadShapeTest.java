package io.whizbang.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The event store and the outbox's encoder take only payloads that are exactly one JSON object, so that no stored
 * payload can stop a feed reader later; whitespace and line breaks inside a valid object are fine.
 */
class PayloadShapeTest {

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":1} {\"b\":2}", "[1,2]", "{\"a\":", "\"text\"", "", "{\"a\":1}x", "{'a':1}"})
  void anAppendWithOneBadPayloadIsRefusedWholeNamingStreamAndEvent(String bad) {
    try (StorageFixture fixture = StorageFixture.create(TestDb.H2); Connection c = fixture.connection()) {
      EventStore store = new EventStore(fixture.storage());
      List<Envelope> events = List.of(Envelopes.event("orders.OrderPlaced", "o-1", "{\"n\":1}"),
          Envelopes.event("orders.OrderPlaced", "o-1", bad));

      assertThatThrownBy(() -> store.append(c, "order-1", 0, events))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Cannot append to stream 'order-1': event 2 of 2 (version 2) is refused")
          .hasMessageContaining("must be a JSON object, one and nothing else");
      assertThat(store.currentVersion(c, "order-1")).isZero();
      assertThatThrownBy(() -> EnvelopeCodec.encode(events.get(1))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(events.get(1).messageId().toString());
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aPrettyPrintedPayloadIsStoredAsWritten(TestDb db) throws Exception {
    String pretty = "{\r\n  \"n\" : 1,\n  \"text\" : \"two\\nlines\"\n}\n";
    try (StorageFixture fixture = StorageFixture.create(db); Connection c = fixture.connection()) {
      EventStore store = new EventStore(fixture.storage());
      store.append(c, "order-1", 0, List.of(Envelopes.event("orders.OrderPlaced", "o-1", pretty)));

      assertThat(Envelopes.payload(store.readStream(c, "order-1").get(0))).isEqualTo(pretty);
    }
  }
}
