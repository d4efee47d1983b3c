package io.whizbang.runtime.transport.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.envelope.MalformedEnvelopeException;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CloudEventsMappingTest {

  private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  private static final byte[] DATA = "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);

  private static Envelope envelope(Map<String, String> headers) {
    return new Envelope(UUID.randomUUID(), "orders.Placed", "orders", "o-1", UUID.randomUUID(), UUID.randomUUID(),
        Instant.parse("2026-12-01T10:00:00.250Z"), Envelope.NO_POSITION, headers, DATA);
  }

  @Test
  void everyBindingGivesBackTheEnvelopeItWasGiven() {
    Envelope e = envelope(Map.of("traceparent", TRACEPARENT, "tracestate", "a=1", "whizbang-version", "4",
        "x-tenant", "acme", Envelope.EXPIRES_AT_HEADER, "2026-12-01T10:30:00Z"));
    OutgoingMessage m = new OutgoingMessage(e.messageId(), e.wireName(), Destination.events("orders"), "o-1", 0,
        Map.of(), EnvelopeCodec.encode(e));
    for (CloudEventsBinding binding : new CloudEventsBinding[] {CloudEventsBinding.KAFKA, CloudEventsBinding.AMQP,
        CloudEventsBinding.SQS}) {
      CloudEventsBinding.Outgoing out = binding.outgoing(m);
      assertThat(out.data()).isEqualTo(DATA);
      assertThat(out.headers().size()).as(binding.prefix()).isLessThanOrEqualTo(binding.maxHeaders());
      assertThat(binding.isCloudEvent(out.headers())).isTrue();
      String contentType = binding.contentTypeHeader() == null ? CloudEventsMapping.JSON : null;
      Envelope back = binding.envelope(out.headers(), contentType, out.data(), null);
      assertThat(back).as(binding.prefix()).isEqualTo(e);
      assertThat(back.expiresAt()).as("the expiry a consumer checks, " + binding.prefix())
          .isEqualTo(Instant.parse("2026-12-01T10:30:00Z"));
    }
  }

  @Test
  void kafkaHeadersAreTheBindingsNames() {
    Envelope e = envelope(Map.of("traceparent", TRACEPARENT));
    assertThat(CloudEventsBinding.KAFKA.headers(e)).containsExactly(
        Map.entry("ce_specversion", "1.0"), Map.entry("ce_id", e.messageId().toString()),
        Map.entry("ce_source", "urn:whizbang:orders"), Map.entry("ce_type", "orders.Placed"),
        Map.entry("content-type", "application/json"), Map.entry("ce_time", "2026-12-01T10:00:00.250Z"),
        Map.entry("ce_subject", "o-1"), Map.entry("ce_correlationid", e.correlationId().toString()),
        Map.entry("ce_causationid", e.causationId().toString()), Map.entry("ce_traceparent", TRACEPARENT));
  }

  @Test
  void anEmptyPartitionKeyGoesAsNoSubjectWhichCloudEventsDoesNotAllowEmpty() {
    Envelope e = new Envelope(UUID.randomUUID(), "orders.Placed", "orders", "", UUID.randomUUID(), null,
        Instant.now(), Envelope.NO_POSITION, Map.of(), DATA);
    assertThat(CloudEventsMapping.attributes(e)).doesNotContainKey("subject");
  }

  @Test
  void tooManyAttributesFoldTheHeadersIntoOneExtension() {
    Envelope e = envelope(Map.of("traceparent", TRACEPARENT, "whizbang-version", "2"));
    Map<String, String> folded = CloudEventsMapping.attributes(e, false, 9);
    assertThat(folded).hasSize(9).doesNotContainKeys("traceparent", "whizbangversion", "datacontenttype")
        .containsEntry("whizbangheaders", "{\"traceparent\":\"" + TRACEPARENT + "\",\"whizbang-version\":\"2\"}");
    assertThatThrownBy(() -> CloudEventsMapping.attributes(e, true, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the broker takes 5");
  }

  @Test
  void whatAProducerLeavesOutIsFilledInAndForeignIdsBecomeNameBasedUuids() {
    Map<String, String> a = Map.of("specversion", "1.0", "id", "42", "source", "/billing", "type", "b.Paid");
    Instant received = Instant.parse("2026-12-02T00:00:00Z");
    Envelope e = CloudEventsMapping.envelope(a, DATA, received);
    assertThat(e.messageId()).isEqualTo(UUID.nameUUIDFromBytes("/billing\n42".getBytes(StandardCharsets.UTF_8)));
    assertThat(e.correlationId()).isEqualTo(e.messageId());
    assertThat(e.causationId()).isNull();
    assertThat(e.partitionKey()).isNull();
    assertThat(e.occurredAt()).isEqualTo(received);
    assertThat(e.domain()).isEqualTo("/billing");
    assertThat(e.headers()).isEmpty();
  }

  @Test
  void aMalformedCloudEventIsRefusedNamingTheAttributeAndTheAcceptedForm() {
    refused(a -> a.remove("id"), "Malformed CloudEvent (orders.Placed): required attribute 'id' is missing");
    refused(a -> a.put("source", ""), "Malformed CloudEvent (orders.Placed e-1): required attribute 'source' is empty");
    refused(a -> a.remove("type"), "Malformed CloudEvent (e-1): required attribute 'type' is missing");
    refused(a -> a.put("specversion", "0.3"),
        "Malformed CloudEvent (orders.Placed e-1): 'specversion' is \"0.3\"; only CloudEvents 1.0 is read (\"1.0\")");
    refused(a -> a.put("time", "yesterday"), "Malformed CloudEvent (orders.Placed e-1): 'time' is not an RFC 3339"
        + " timestamp such as 2026-01-31T12:00:00Z: \"yesterday\"");
    refused(a -> a.put("datacontenttype", "application/xml"), "Malformed CloudEvent (orders.Placed e-1):"
        + " 'datacontenttype' is \"application/xml\"; the data must be JSON (application/json, text/json or a +json"
        + " type)");
    refused(a -> a.put("whizbangheaders", "[1]"),
        "Malformed CloudEvent (orders.Placed e-1): 'whizbangheaders' is not a JSON object of strings: \"[1]\"");
    assertThatThrownBy(() -> CloudEventsMapping.envelope(valid(), "[1,2]".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(MalformedEnvelopeException.class)
        .hasMessageStartingWith("Malformed CloudEvent (orders.Placed e-1): its data must be one JSON object");
  }

  @Test
  void jsonContentTypesWithParametersOrSuffixesAreAccepted() {
    for (String type : new String[] {"application/json; charset=utf-8", "application/cloudevents+json", "TEXT/JSON"}) {
      Map<String, String> a = valid();
      a.put("datacontenttype", type);
      assertThat(CloudEventsMapping.envelope(a, DATA, null).wireName()).isEqualTo("orders.Placed");
    }
  }

  @Test
  void aReceivedBodyKeepsTheErrorForTheConsumerAndTheDataAsItsBytes() {
    Map<String, String> headers = new HashMap<>(Map.of("ce_specversion", "1.0", "ce_type", "orders.Placed",
        "ce_source", "/x"));
    SettlingDelivery.ReceivedBody body = SettlingDelivery.ReceivedBody.read(CloudEventsBinding.KAFKA, headers, null, DATA, null);
    assertThat(body.bytes()).isEqualTo(DATA);
    assertThatThrownBy(body::envelope).isInstanceOf(MalformedEnvelopeException.class)
        .hasMessageContaining("'id' is missing");
    Envelope e = envelope(Map.of());
    SettlingDelivery.ReceivedBody plain = SettlingDelivery.ReceivedBody.read(CloudEventsBinding.KAFKA, Map.of("wb-type", "x"), null,
        EnvelopeCodec.encode(e), null);
    assertThat(plain.envelope()).isEqualTo(e);
  }

  private static Map<String, String> valid() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("specversion", "1.0");
    a.put("id", "e-1");
    a.put("source", "/x");
    a.put("type", "orders.Placed");
    return a;
  }

  private static void refused(Consumer<Map<String, String>> change, String message) {
    Map<String, String> a = valid();
    change.accept(a);
    assertThatThrownBy(() -> CloudEventsMapping.envelope(a, DATA, null))
        .isInstanceOf(MalformedEnvelopeException.class).hasMessageStartingWith(message);
  }
}
