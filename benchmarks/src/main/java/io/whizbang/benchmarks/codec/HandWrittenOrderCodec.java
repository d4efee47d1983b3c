package io.whizbang.benchmarks.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.JsonCodec;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * What a careful person writes by hand on the streaming API for {@link OrderSnapshot}: the baseline the generated
 * codec must keep up with. Same wire format, checks kept to the minimum that still rejects bad input.
 */
final class HandWrittenOrderCodec implements JsonCodec<OrderSnapshot> {

  static final HandWrittenOrderCodec INSTANCE = new HandWrittenOrderCodec();

  private static final SerializedString ORDER_ID = new SerializedString("orderId");
  private static final SerializedString CUSTOMER = new SerializedString("customer");
  private static final SerializedString SEQUENCE = new SerializedString("sequence");
  private static final SerializedString QUANTITY = new SerializedString("quantity");
  private static final SerializedString AMOUNT = new SerializedString("amount");
  private static final SerializedString EXPRESS = new SerializedString("express");
  private static final SerializedString PLACED_AT = new SerializedString("placedAt");
  private static final SerializedString SHIP_TO = new SerializedString("shipTo");
  private static final SerializedString STREET = new SerializedString("street");
  private static final SerializedString CITY = new SerializedString("city");
  private static final SerializedString POSTCODE = new SerializedString("postcode");
  private static final SerializedString COUNTRY = new SerializedString("country");

  @Override
  public void write(JsonGenerator out, OrderSnapshot value) throws IOException {
    out.writeStartObject();
    out.writeFieldName(ORDER_ID);
    out.writeString(value.orderId().toString());
    out.writeFieldName(CUSTOMER);
    out.writeString(value.customer());
    out.writeFieldName(SEQUENCE);
    out.writeNumber(value.sequence());
    out.writeFieldName(QUANTITY);
    out.writeNumber(value.quantity());
    out.writeFieldName(AMOUNT);
    out.writeNumber(value.amount());
    out.writeFieldName(EXPRESS);
    out.writeBoolean(value.express());
    out.writeFieldName(PLACED_AT);
    out.writeString(DateTimeFormatter.ISO_INSTANT.format(value.placedAt()));
    out.writeFieldName(SHIP_TO);
    Address address = value.shipTo();
    out.writeStartObject();
    out.writeFieldName(STREET);
    out.writeString(address.street());
    out.writeFieldName(CITY);
    out.writeString(address.city());
    out.writeFieldName(POSTCODE);
    out.writeString(address.postcode());
    out.writeFieldName(COUNTRY);
    out.writeString(address.country());
    out.writeEndObject();
    out.writeEndObject();
  }

  @Override
  public OrderSnapshot read(JsonParser in) throws IOException {
    UUID orderId = null;
    String customer = null;
    long sequence = 0;
    int quantity = 0;
    double amount = 0;
    boolean express = false;
    Instant placedAt = null;
    Address shipTo = null;
    int seen = 0;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      in.nextToken();
      switch (field) {
        case "orderId" -> { orderId = UUID.fromString(in.getText()); seen |= 1; }
        case "customer" -> { customer = in.getText(); seen |= 2; }
        case "sequence" -> { sequence = in.getLongValue(); seen |= 4; }
        case "quantity" -> { quantity = in.getIntValue(); seen |= 8; }
        case "amount" -> { amount = in.getDoubleValue(); seen |= 16; }
        case "express" -> { express = in.getBooleanValue(); seen |= 32; }
        case "placedAt" -> { placedAt = Instant.parse(in.getText()); seen |= 64; }
        case "shipTo" -> { shipTo = readAddress(in); seen |= 128; }
        default -> in.skipChildren();
      }
    }
    if (seen != 255) {
      throw new CodecException("OrderSnapshot: missing fields");
    }
    return new OrderSnapshot(orderId, customer, sequence, quantity, amount, express, placedAt, shipTo);
  }

  private static Address readAddress(JsonParser in) throws IOException {
    String street = null;
    String city = null;
    String postcode = null;
    String country = null;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      in.nextToken();
      switch (field) {
        case "street" -> street = in.getText();
        case "city" -> city = in.getText();
        case "postcode" -> postcode = in.getText();
        case "country" -> country = in.getText();
        default -> in.skipChildren();
      }
    }
    return new Address(street, city, postcode, country);
  }
}
