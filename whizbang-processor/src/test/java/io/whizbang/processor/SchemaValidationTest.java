package io.whizbang.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.testing.compile.Compilation;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The generated JSON Schemas checked against real payloads: a test module is compiled with the processor, instances
 * are encoded by its generated codecs, and a JSON Schema 2020-12 validator (with format assertions on) must accept
 * every one of them; payloads the codec refuses (a required field missing, a value of the wrong type) must fail
 * validation too, so the schema is neither looser nor stricter than the codec where it matters.
 */
class SchemaValidationTest {

  private static final Compilation BILLING = SchemaFixtures.compile(SchemaFixtures.BILLING);
  private static final CompiledClasses CLASSES = new CompiledClasses(BILLING);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String INVOICE_CODEC = "billing.InvoiceIssued_JsonCodec";

  @Test
  void everyKindOfComponentAsTheCodecWritesItMatchesTheSchema() throws IOException {
    Schema schema = schema("billing.InvoiceIssued");

    assertThat(errors(schema, encode(INVOICE_CODEC, invoice(false)))).isEmpty();
    assertThat(errors(schema, encode(INVOICE_CODEC, invoice(true)))).isEmpty();
  }

  @Test
  void theOtherMessagesOfTheModuleMatchTheirSchemas() throws IOException {
    Object charge = CLASSES.record("billing.ChargeCustomer", "c-1", new BigDecimal("12.50"));
    Object shipped = CLASSES.record("billing.orders.OrderShipped", 42L, "c-1");

    assertThat(errors(schema("billing.ChargeCustomer"), encode("billing.ChargeCustomer_JsonCodec", charge)))
        .isEmpty();
    assertThat(errors(schema("orders.OrderShipped"), encode("billing.orders.OrderShipped_JsonCodec", shipped)))
        .isEmpty();
  }

  @Test
  void aPayloadMissingARequiredFieldFailsValidationAsItFailsDecoding() throws IOException {
    ObjectNode payload = (ObjectNode) encode(INVOICE_CODEC, invoice(false));
    payload.remove("customer");

    assertThat(errors(schema("billing.InvoiceIssued"), payload)).singleElement()
        .satisfies(error -> assertThat(error.getMessage()).contains("required").contains("customer"));
    assertThatThrownBy(() -> decode(INVOICE_CODEC, payload)).isInstanceOf(CodecException.class)
        .hasMessageContaining("customer");
  }

  @Test
  void aRequiredNestedFieldIsRequiredToo() throws IOException {
    ObjectNode payload = (ObjectNode) encode(INVOICE_CODEC, invoice(false));
    ((ObjectNode) payload.get("net")).remove("amount");

    assertThat(errors(schema("billing.InvoiceIssued"), payload)).singleElement()
        .satisfies(error -> assertThat(error.getMessage()).contains("amount"));
    assertThatThrownBy(() -> decode(INVOICE_CODEC, payload)).isInstanceOf(CodecException.class);
  }

  @Test
  void valuesTheCodecRefusesFailValidation() throws IOException {
    Schema schema = schema("billing.InvoiceIssued");
    Map<String, JsonNode> wrong = new LinkedHashMap<>();
    wrong.put("currency", MAPPER.getNodeFactory().textNode("GBP"));
    wrong.put("number", MAPPER.getNodeFactory().numberNode(2_147_483_648L));
    wrong.put("invoiceId", MAPPER.getNodeFactory().textNode("not-a-uuid"));
    wrong.put("customer", MAPPER.getNodeFactory().nullNode());
    wrong.put("grade", MAPPER.getNodeFactory().textNode("AB"));
    wrong.put("issuedAt", MAPPER.getNodeFactory().textNode("yesterday"));

    for (Map.Entry<String, JsonNode> field : wrong.entrySet()) {
      ObjectNode payload = (ObjectNode) encode(INVOICE_CODEC, invoice(false));
      payload.set(field.getKey(), field.getValue());
      assertThat(errors(schema, payload)).as(field.getKey() + " = " + field.getValue()).isNotEmpty();
      assertThatThrownBy(() -> decode(INVOICE_CODEC, payload)).as(field.getKey()).isInstanceOf(CodecException.class);
    }
  }

  @Test
  void optionalAndNullableFieldsMayBeAbsentAndUnknownFieldsAreAllowed() throws IOException {
    ObjectNode payload = (ObjectNode) encode(INVOICE_CODEC, invoice(false));
    payload.remove(List.of("paidAt", "note", "credit"));
    payload.put("addedByANewerProducer", true);

    assertThat(errors(schema("billing.InvoiceIssued"), payload)).isEmpty();
    decode(INVOICE_CODEC, payload); // the codec agrees: absent means empty or null, unknown fields are skipped
  }

  /** An invoice with typical values, or ({@code edges}) the extremes and the absent ones. */
  private static Object invoice(boolean edges) {
    Class<?> currencyType = CLASSES.type("billing.InvoiceIssued$Currency");
    Object eur = enumConstant(currencyType, "EUR");
    Object chf = enumConstant(currencyType, "CHF");
    Object money = CLASSES.record("billing.InvoiceIssued$Money", new BigDecimal("19.99"), eur);
    Object leaf = CLASSES.record("billing.InvoiceIssued$Category", "pens", List.of());
    Object category = CLASSES.record("billing.InvoiceIssued$Category", "office", List.of(leaf));
    List<Object> lines = new ArrayList<>();
    lines.add(CLASSES.record("billing.InvoiceIssued$Line", "A-1", 2, edges ? null : money));
    if (edges) {
      lines.add(null); // elements may be null
    }
    Map<Object, Object> byCurrency = new LinkedHashMap<>();
    byCurrency.put(chf, edges ? null : money);
    Map<String, BigDecimal> taxes = new LinkedHashMap<>();
    taxes.put("vat", edges ? new BigDecimal("1E+3") : new BigDecimal("3.80"));
    return CLASSES.record("billing.InvoiceIssued",
        UUID.fromString("3f2b8c1e-5a4d-4e6f-9b7a-1c2d3e4f5a6b"),
        edges,
        edges ? '\u00e9' : 'A',
        edges ? Byte.MIN_VALUE : (byte) 3,
        edges ? Short.MAX_VALUE : (short) 2,
        edges ? Integer.MIN_VALUE : 1001,
        edges ? Long.MAX_VALUE : 7L,
        edges ? Float.NaN : 0.25f,
        edges ? Double.NEGATIVE_INFINITY : 12.5,
        edges ? Integer.MAX_VALUE : 1,
        edges ? Double.POSITIVE_INFINITY : 0.1,
        edges ? "" : "c-1",
        edges ? new BigDecimal("-0.000000001") : new BigDecimal("19.99"),
        edges ? new BigInteger("123456789012345678901234567890") : BigInteger.TEN,
        edges ? Instant.parse("2025-01-02T10:15:30.123456789Z") : Instant.parse("2025-01-02T10:15:30Z"),
        LocalDate.of(2025, 2, 1),
        edges ? LocalTime.MIDNIGHT : LocalTime.of(17, 30, 5),
        LocalDateTime.of(2025, 1, 2, 10, 15),
        OffsetDateTime.of(2025, 1, 2, 10, 15, 30, 0, edges ? ZoneOffset.UTC : ZoneOffset.ofHours(1)),
        ZonedDateTime.of(2025, 1, 2, 10, 15, 30, 0, ZoneId.of("Europe/Paris")),
        edges ? Duration.ofMillis(-1500) : Duration.ofMinutes(90),
        edges ? Period.ofDays(-3) : Period.of(1, 2, 3),
        edges ? new byte[0] : "sig".getBytes(StandardCharsets.UTF_8),
        "X1".toCharArray(),
        edges ? new int[0] : new int[] {1, 2, 3},
        edges ? new double[] {Double.NaN, 1.5} : new double[] {0.5},
        eur,
        money,
        lines,
        new LinkedHashSet<>(edges ? Arrays.asList("a", null) : List.of("a", "b")),
        taxes,
        Map.of(UUID.fromString("00000000-0000-0000-0000-000000000001"), 5),
        Map.of(edges ? -42L : 0L, "zero"),
        byCurrency,
        edges ? Optional.empty() : Optional.of(Instant.parse("2025-01-03T00:00:00Z")),
        edges ? null : "thanks",
        edges ? null : money,
        3,
        category);
  }

  private static Object enumConstant(Class<?> type, String name) {
    return Arrays.stream(type.getEnumConstants()).filter(c -> ((Enum<?>) c).name().equals(name)).findFirst()
        .orElseThrow();
  }

  private static JsonNode encode(String codec, Object value) throws IOException {
    return MAPPER.readTree(Json.encode(CLASSES.codec(codec), value));
  }

  private static Object decode(String codec, JsonNode payload) throws IOException {
    JsonCodec<Object> jsonCodec = CLASSES.codec(codec);
    return Json.decode(jsonCodec, MAPPER.writeValueAsBytes(payload));
  }

  private static Schema schema(String wireName) {
    String text = SchemaFixtures.file(BILLING, "META-INF/whizbang/schemas/" + wireName + ".schema.json");
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
  }

  private static List<Error> errors(Schema schema, JsonNode payload) {
    return schema.validate(payload, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
  }
}
