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
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link PlaceOrder} as JSON; see {@link Json#encode} to encode a whole document.
 */
@Generated("io.whizbang.processor.WhizbangProcessor")
public final class PlaceOrder_JsonCodec implements JsonCodec<PlaceOrder> {
  public static final PlaceOrder_JsonCodec INSTANCE = new PlaceOrder_JsonCodec();

  private static final SerializedString ORDER_ID = new SerializedString("orderId");

  private static final SerializedString CUSTOMER = new SerializedString("customer");

  private static final SerializedString QUANTITY = new SerializedString("quantity");

  private PlaceOrder_JsonCodec() {
  }

  @Override
  public void write(JsonGenerator out, PlaceOrder value) throws IOException {
    JsonValues.requireForEncoding(value.orderId(), "PlaceOrder", "orderId");
    JsonValues.requireForEncoding(value.customer(), "PlaceOrder", "customer");
    out.writeStartObject();
    out.writeFieldName(ORDER_ID);
    JsonValues.write(out, Codecs.UUID, value.orderId());
    out.writeFieldName(CUSTOMER);
    out.writeString(value.customer());
    out.writeFieldName(QUANTITY);
    out.writeNumber(value.quantity());
    out.writeEndObject();
  }

  @Override
  public PlaceOrder read(JsonParser in) throws IOException {
    JsonValues.expectStartObject(in, "PlaceOrder");
    UUID orderId = null;
    String customer = null;
    int quantity = 0;
    boolean hasOrderId = false;
    boolean hasCustomer = false;
    boolean hasQuantity = false;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      in.nextToken();
      switch (field) {
        case "orderId" -> {
          if (hasOrderId) {
            throw JsonValues.duplicateField(in, "PlaceOrder", "orderId");
          }
          orderId = JsonValues.readRequired(in, Codecs.UUID, "PlaceOrder", "orderId");
          hasOrderId = true;
        }
        case "customer" -> {
          if (hasCustomer) {
            throw JsonValues.duplicateField(in, "PlaceOrder", "customer");
          }
          customer = JsonValues.readRequiredString(in, "PlaceOrder", "customer");
          hasCustomer = true;
        }
        case "quantity" -> {
          if (hasQuantity) {
            throw JsonValues.duplicateField(in, "PlaceOrder", "quantity");
          }
          quantity = JsonValues.readInt(in, "PlaceOrder", "quantity");
          hasQuantity = true;
        }
        default -> in.skipChildren();
      }
    }
    JsonValues.expectEndObject(in, "PlaceOrder");
    if (!hasOrderId) {
      throw JsonValues.missingField(in, "PlaceOrder", "orderId");
    }
    if (!hasCustomer) {
      throw JsonValues.missingField(in, "PlaceOrder", "customer");
    }
    if (!hasQuantity) {
      throw JsonValues.missingField(in, "PlaceOrder", "quantity");
    }
    try {
      return new PlaceOrder(orderId, customer, quantity);
    } catch (RuntimeException failure) {
      throw new CodecException("Cannot decode PlaceOrder: its constructor rejected the values (" + failure
          + ") of the object ending at line " + in.currentTokenLocation().getLineNr()
          + ", column " + in.currentTokenLocation().getColumnNr(), failure);
    }
  }
}
