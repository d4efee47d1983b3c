package io.whizbang.runtime.testfixtures;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.Messages.OrderShipped;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.Messages.ShipOrder;
import java.io.IOException;

/** Hand-written streaming codecs in the shape the processor generates (write straight-line, read by field switch). */
public final class FixtureCodecs {
  private static final JsonFactory JSON = new JsonFactory();

  private FixtureCodecs() {}

  /** Reads a payload the way a generated dispatcher does. */
  public static <T> T read(JsonCodec<T> codec, byte[] payload) throws IOException {
    try (JsonParser p = JSON.createParser(payload)) {
      p.nextToken();
      return codec.read(p);
    }
  }

  public static final JsonCodec<PlaceOrder> PLACE_ORDER = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, PlaceOrder v) throws IOException {
      out.writeStartObject();
      out.writeStringField("orderId", v.orderId());
      out.writeStringField("customer", v.customer());
      out.writeNumberField("seq", v.seq());
      out.writeEndObject();
    }

    @Override
    public PlaceOrder read(JsonParser in) throws IOException {
      String orderId = null;
      String customer = null;
      int seq = 0;
      expectObject(in, "PlaceOrder");
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String f = in.currentName();
        in.nextToken();
        switch (f) {
          case "orderId" -> orderId = in.getText();
          case "customer" -> customer = in.getText();
          case "seq" -> seq = in.getIntValue();
          default -> in.skipChildren();
        }
      }
      return new PlaceOrder(required(orderId, "PlaceOrder", "orderId"), customer, seq);
    }
  };

  public static final JsonCodec<OrderPlaced> ORDER_PLACED = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, OrderPlaced v) throws IOException {
      out.writeStartObject();
      out.writeStringField("orderId", v.orderId());
      out.writeStringField("customer", v.customer());
      out.writeNumberField("seq", v.seq());
      out.writeEndObject();
    }

    @Override
    public OrderPlaced read(JsonParser in) throws IOException {
      String orderId = null;
      String customer = null;
      int seq = 0;
      expectObject(in, "OrderPlaced");
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String f = in.currentName();
        in.nextToken();
        switch (f) {
          case "orderId" -> orderId = in.getText();
          case "customer" -> customer = in.getText();
          case "seq" -> seq = in.getIntValue();
          default -> in.skipChildren();
        }
      }
      return new OrderPlaced(required(orderId, "OrderPlaced", "orderId"), customer, seq);
    }
  };

  public static final JsonCodec<ShipOrder> SHIP_ORDER = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, ShipOrder v) throws IOException {
      out.writeStartObject();
      out.writeStringField("orderId", v.orderId());
      out.writeEndObject();
    }

    @Override
    public ShipOrder read(JsonParser in) throws IOException {
      String orderId = null;
      expectObject(in, "ShipOrder");
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String f = in.currentName();
        in.nextToken();
        if (f.equals("orderId")) {
          orderId = in.getText();
        } else {
          in.skipChildren();
        }
      }
      return new ShipOrder(required(orderId, "ShipOrder", "orderId"));
    }
  };

  public static final JsonCodec<OrderShipped> ORDER_SHIPPED = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, OrderShipped v) throws IOException {
      out.writeStartObject();
      out.writeStringField("orderId", v.orderId());
      out.writeStringField("carrier", v.carrier());
      out.writeEndObject();
    }

    @Override
    public OrderShipped read(JsonParser in) throws IOException {
      String orderId = null;
      String carrier = null;
      expectObject(in, "OrderShipped");
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String f = in.currentName();
        in.nextToken();
        switch (f) {
          case "orderId" -> orderId = in.getText();
          case "carrier" -> carrier = in.getText();
          default -> in.skipChildren();
        }
      }
      return new OrderShipped(required(orderId, "OrderShipped", "orderId"), carrier);
    }
  };

  private static void expectObject(JsonParser in, String type) {
    if (in.currentToken() != JsonToken.START_OBJECT) {
      throw new CodecException(type + ": expected an object at " + in.currentTokenLocation());
    }
  }

  private static <T> T required(T value, String type, String field) {
    if (value == null) {
      throw new CodecException(type + ": missing required field '" + field + "'");
    }
    return value;
  }
}
