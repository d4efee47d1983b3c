package shop.orders;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.generated.JsonValues;
import java.io.IOException;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link OrderPlaced.Line} as JSON; see {@link Json#encode} to encode a whole document.
 */
@Generated("io.whizbang.processor.WhizbangProcessor")
public final class OrderPlaced_Line_JsonCodec implements JsonCodec<OrderPlaced.Line> {
  public static final OrderPlaced_Line_JsonCodec INSTANCE = new OrderPlaced_Line_JsonCodec();

  private static final SerializedString SKU = new SerializedString("sku");

  private static final SerializedString QUANTITY = new SerializedString("quantity");

  private OrderPlaced_Line_JsonCodec() {
  }

  @Override
  public void write(JsonGenerator out, OrderPlaced.Line value) throws IOException {
    JsonValues.requireForEncoding(value.sku(), "OrderPlaced.Line", "sku");
    out.writeStartObject();
    out.writeFieldName(SKU);
    out.writeString(value.sku());
    out.writeFieldName(QUANTITY);
    out.writeNumber(value.quantity());
    out.writeEndObject();
  }

  @Override
  public OrderPlaced.Line read(JsonParser in) throws IOException {
    JsonValues.expectStartObject(in, "OrderPlaced.Line");
    String sku = null;
    int quantity = 0;
    boolean hasSku = false;
    boolean hasQuantity = false;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      in.nextToken();
      switch (field) {
        case "sku" -> {
          if (hasSku) {
            throw JsonValues.duplicateField(in, "OrderPlaced.Line", "sku");
          }
          sku = JsonValues.readRequiredString(in, "OrderPlaced.Line", "sku");
          hasSku = true;
        }
        case "quantity" -> {
          if (hasQuantity) {
            throw JsonValues.duplicateField(in, "OrderPlaced.Line", "quantity");
          }
          quantity = JsonValues.readInt(in, "OrderPlaced.Line", "quantity");
          hasQuantity = true;
        }
        default -> in.skipChildren();
      }
    }
    JsonValues.expectEndObject(in, "OrderPlaced.Line");
    if (!hasSku) {
      throw JsonValues.missingField(in, "OrderPlaced.Line", "sku");
    }
    if (!hasQuantity) {
      throw JsonValues.missingField(in, "OrderPlaced.Line", "quantity");
    }
    try {
      return new OrderPlaced.Line(sku, quantity);
    } catch (RuntimeException failure) {
      throw new CodecException("Cannot decode OrderPlaced.Line: its constructor rejected the values (" + failure
          + ") of the object ending at line " + in.currentTokenLocation().getLineNr()
          + ", column " + in.currentTokenLocation().getColumnNr(), failure);
    }
  }
}
