package shop.orders;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.generated.Codecs;
import io.whizbang.runtime.generated.JsonValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link OrderPlaced} as JSON; see {@link Json#encode} to encode a whole document.
 */
@Generated("io.whizbang.processor.WhizbangProcessor")
public final class OrderPlaced_JsonCodec implements JsonCodec<OrderPlaced> {
  public static final OrderPlaced_JsonCodec INSTANCE = new OrderPlaced_JsonCodec();

  private static final SerializedString ORDER_ID = new SerializedString("orderId");

  private static final SerializedString SEQUENCE = new SerializedString("sequence");

  private static final SerializedString PRIORITY = new SerializedString("priority");

  private static final SerializedString CUSTOMER = new SerializedString("customer");

  private static final SerializedString TOTAL = new SerializedString("total");

  private static final SerializedString PLACED_AT = new SerializedString("placedAt");

  private static final SerializedString NOTE = new SerializedString("note");

  private static final SerializedString LINES = new SerializedString("lines");

  private static final SerializedString COUNTS_BY_STATUS = new SerializedString("countsByStatus");

  private static final SerializedString SIGNATURE = new SerializedString("signature");

  private static final SerializedString COUPON = new SerializedString("coupon");

  private static final JsonCodec<List<OrderPlaced.Line>> LINES_CODEC = Codecs.list(OrderPlaced_Line_JsonCodec.INSTANCE);

  private static final JsonCodec<Map<OrderPlaced.Status, Integer>> COUNTS_BY_STATUS_CODEC = Codecs.map(Codecs.enumCodec("OrderPlaced.Status", OrderPlaced.Status.values()), Codecs.INTEGER);

  private OrderPlaced_JsonCodec() {
  }

  @Override
  public void write(JsonGenerator out, OrderPlaced value) throws IOException {
    JsonValues.requireForEncoding(value.orderId(), "OrderPlaced", "orderId");
    JsonValues.requireForEncoding(value.priority(), "OrderPlaced", "priority");
    JsonValues.requireForEncoding(value.customer(), "OrderPlaced", "customer");
    JsonValues.requireForEncoding(value.total(), "OrderPlaced", "total");
    JsonValues.requireForEncoding(value.placedAt(), "OrderPlaced", "placedAt");
    JsonValues.requireForEncoding(value.lines(), "OrderPlaced", "lines");
    JsonValues.requireForEncoding(value.countsByStatus(), "OrderPlaced", "countsByStatus");
    JsonValues.requireForEncoding(value.signature(), "OrderPlaced", "signature");
    out.writeStartObject();
    out.writeFieldName(ORDER_ID);
    JsonValues.write(out, Codecs.UUID, value.orderId());
    out.writeFieldName(SEQUENCE);
    out.writeNumber(value.sequence());
    out.writeFieldName(PRIORITY);
    JsonValues.writeNumber(out, value.priority());
    out.writeFieldName(CUSTOMER);
    out.writeString(value.customer());
    out.writeFieldName(TOTAL);
    JsonValues.write(out, Codecs.BIG_DECIMAL, value.total());
    out.writeFieldName(PLACED_AT);
    JsonValues.write(out, Codecs.INSTANT, value.placedAt());
    out.writeFieldName(NOTE);
    JsonValues.writeOptional(out, Codecs.STRING, value.note());
    out.writeFieldName(LINES);
    JsonValues.write(out, LINES_CODEC, value.lines());
    out.writeFieldName(COUNTS_BY_STATUS);
    JsonValues.write(out, COUNTS_BY_STATUS_CODEC, value.countsByStatus());
    out.writeFieldName(SIGNATURE);
    JsonValues.write(out, Codecs.BYTE_ARRAY, value.signature());
    out.writeFieldName(COUPON);
    out.writeString(value.coupon());
    out.writeEndObject();
  }

  @Override
  public OrderPlaced read(JsonParser in) throws IOException {
    JsonValues.expectStartObject(in, "OrderPlaced");
    UUID orderId = null;
    long sequence = 0L;
    Integer priority = null;
    String customer = null;
    BigDecimal total = null;
    Instant placedAt = null;
    Optional<String> note = Optional.empty();
    List<OrderPlaced.Line> lines = null;
    Map<OrderPlaced.Status, Integer> countsByStatus = null;
    byte[] signature = null;
    String coupon = null;
    boolean hasOrderId = false;
    boolean hasSequence = false;
    boolean hasPriority = false;
    boolean hasCustomer = false;
    boolean hasTotal = false;
    boolean hasPlacedAt = false;
    boolean hasNote = false;
    boolean hasLines = false;
    boolean hasCountsByStatus = false;
    boolean hasSignature = false;
    boolean hasCoupon = false;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      in.nextToken();
      switch (field) {
        case "orderId" -> {
          if (hasOrderId) {
            throw JsonValues.duplicateField(in, "OrderPlaced", "orderId");
          }
          orderId = JsonValues.readRequired(in, Codecs.UUID, "OrderPlaced", "orderId");
          hasOrderId = true;
        }
        case "sequence" -> {
          if (hasSequence) {
            throw JsonValues.duplicateField(in, "OrderPlaced", "sequence");
          }
          sequence = JsonValues.readLong(in, "OrderPlaced", "sequence");
          hasSequence = true;
        }
        case "priority" -> {
          if (hasPriority) {
            throw JsonValues.duplicateField(in, "OrderPlaced", "priority");
          }
          priority = JsonValues.readInt(in, "OrderPlaced", "priority");
          hasPriority = true;
        }
        case "customer" -> {
          if (hasCustomer) {
            throw JsonValues.duplicateField(in, "OrderPlaced", "customer");
          }
          customer = JsonValues.readRequiredString(in, "OrderPlaced", "customer");
          hasCustomer = true;
        }
        case "total" -> {
          if (hasTotal) {
            throw JsonValues.duplicateField(in, "OrderPlaced", "total");
          }
          total = JsonValues.readRequired(in, Codecs.BIG_DECIMAL, "OrderPlaced", "total");
          hasTotal = true;
        }
        case "placedAt" -> {
          if (hasPlacedAt) {
            throw JsonValues.duplicateField(in, "OrderPlaced", "placedAt");
          }
          placedAt = JsonValues.readRequired(in, Codecs.INSTANT, "OrderPlaced", "placedAt");
          hasPlacedAt = true;
        }
        case "note" -> {
          if (hasNote) {
            throw JsonValues.duplicateField(in, "OrderPlaced", "note");
          }
          note = JsonValues.readOptional(in, Codecs.STRING, "OrderPlaced", "note");
          hasNote = true;
        }
        case "lines" -> {
          if (hasLines) {
            throw JsonValues.duplicateField(in, "OrderPlaced", "lines");
          }
          lines = JsonValues.readRequired(in, LINES_CODEC, "OrderPlaced", "lines");
          hasLines = true;
        }
        case "countsByStatus" -> {
          if (hasCountsByStatus) {
            throw JsonValues.duplicateField(in, "OrderPlaced", "countsByStatus");
          }
          countsByStatus = JsonValues.readRequired(in, COUNTS_BY_STATUS_CODEC, "OrderPlaced", "countsByStatus");
          hasCountsByStatus = true;
        }
        case "signature" -> {
          if (hasSignature) {
            throw JsonValues.duplicateField(in, "OrderPlaced", "signature");
          }
          signature = JsonValues.readRequired(in, Codecs.BYTE_ARRAY, "OrderPlaced", "signature");
          hasSignature = true;
        }
        case "coupon" -> {
          if (hasCoupon) {
            throw JsonValues.duplicateField(in, "OrderPlaced", "coupon");
          }
          coupon = JsonValues.readString(in, "OrderPlaced", "coupon");
          hasCoupon = true;
        }
        default -> in.skipChildren();
      }
    }
    JsonValues.expectEndObject(in, "OrderPlaced");
    if (!hasOrderId) {
      throw JsonValues.missingField(in, "OrderPlaced", "orderId");
    }
    if (!hasSequence) {
      throw JsonValues.missingField(in, "OrderPlaced", "sequence");
    }
    if (!hasPriority) {
      throw JsonValues.missingField(in, "OrderPlaced", "priority");
    }
    if (!hasCustomer) {
      throw JsonValues.missingField(in, "OrderPlaced", "customer");
    }
    if (!hasTotal) {
      throw JsonValues.missingField(in, "OrderPlaced", "total");
    }
    if (!hasPlacedAt) {
      throw JsonValues.missingField(in, "OrderPlaced", "placedAt");
    }
    if (!hasLines) {
      throw JsonValues.missingField(in, "OrderPlaced", "lines");
    }
    if (!hasCountsByStatus) {
      throw JsonValues.missingField(in, "OrderPlaced", "countsByStatus");
    }
    if (!hasSignature) {
      throw JsonValues.missingField(in, "OrderPlaced", "signature");
    }
    try {
      return new OrderPlaced(orderId, sequence, priority, customer, total, placedAt, note, lines, countsByStatus, signature, coupon);
    } catch (RuntimeException failure) {
      throw new CodecException("Cannot decode OrderPlaced: its constructor rejected the values (" + failure
          + ") of the object ending at line " + in.currentTokenLocation().getLineNr()
          + ", column " + in.currentTokenLocation().getColumnNr(), failure);
    }
  }
}
