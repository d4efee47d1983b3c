package io.whizbang.runtime.aggregate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.module.MessageType;
import java.io.IOException;
import java.util.List;

/** A hand-written aggregate type, shaped like the one the processor generates. */
final class Orders {
  private Orders() {}

  record OrderPlaced(String orderId, long total) implements Event {}

  record OrderShipped(String orderId) implements Event {}

  record Order(String id, long total, boolean placed, boolean shipped) {
    Order on(OrderPlaced e) {
      return new Order(id, e.total(), true, shipped);
    }

    Order on(OrderShipped e) {
      return new Order(id, total, placed, true);
    }
  }

  static final MessageType<OrderPlaced> PLACED = MessageType.event("orders.OrderPlaced", "orders",
      OrderPlaced.class, new PlacedCodec(), OrderPlaced::orderId);
  static final MessageType<OrderShipped> SHIPPED = MessageType.event("orders.OrderShipped", "orders",
      OrderShipped.class, new ShippedCodec(), OrderShipped::orderId);

  static final class OrderType implements AggregateType<Order> {
    @Override
    public String category() {
      return "orders.Order";
    }

    @Override
    public Order initial(String id) {
      return new Order(id, 0, false, false);
    }

    @Override
    public Order apply(Order state, Event event) {
      if (event instanceof OrderPlaced e) {
        return state.on(e);
      }
      if (event instanceof OrderShipped e) {
        return state.on(e);
      }
      throw new IllegalArgumentException("Order does not handle " + event.getClass().getName());
    }

    @Override
    public List<MessageType<? extends Event>> eventTypes() {
      return List.of(PLACED, SHIPPED);
    }
  }

  static final class PlacedCodec implements JsonCodec<OrderPlaced> {
    @Override
    public void write(JsonGenerator out, OrderPlaced value) throws IOException {
      out.writeStartObject();
      out.writeStringField("orderId", value.orderId());
      out.writeNumberField("total", value.total());
      out.writeEndObject();
    }

    @Override
    public OrderPlaced read(JsonParser in) throws IOException {
      String id = null;
      long total = 0;
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String name = in.currentName();
        in.nextToken();
        switch (name) {
          case "orderId" -> id = in.getText();
          case "total" -> total = in.getLongValue();
          default -> in.skipChildren();
        }
      }
      return new OrderPlaced(id, total);
    }
  }

  static final class ShippedCodec implements JsonCodec<OrderShipped> {
    @Override
    public void write(JsonGenerator out, OrderShipped value) throws IOException {
      out.writeStartObject();
      out.writeStringField("orderId", value.orderId());
      out.writeEndObject();
    }

    @Override
    public OrderShipped read(JsonParser in) throws IOException {
      String id = null;
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String name = in.currentName();
        in.nextToken();
        if (name.equals("orderId")) {
          id = in.getText();
        } else {
          in.skipChildren();
        }
      }
      return new OrderShipped(id);
    }
  }
}
