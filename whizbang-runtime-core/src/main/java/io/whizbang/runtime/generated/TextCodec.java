package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.JsonCodec;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.function.Function;

/** A value written as a JSON string: UUIDs and java.time values (ISO-8601, as databind with JavaTimeModule). */
final class TextCodec<T> implements JsonCodec<T> {

  private final String description;
  private final Function<? super T, String> format;
  private final Function<String, ? extends T> parse;

  TextCodec(String description, Function<? super T, String> format, Function<String, ? extends T> parse) {
    this.description = description;
    this.format = format;
    this.parse = parse;
  }

  @Override
  public void write(JsonGenerator out, T value) throws IOException {
    out.writeString(format.apply(value));
  }

  @Override
  public T read(JsonParser in) throws IOException {
    if (in.currentToken() != JsonToken.VALUE_STRING) {
      throw new CodecException("expected " + description + ", found " + JsonValues.describe(in) + " at "
          + JsonValues.position(in));
    }
    String text = in.getText();
    try {
      return parse.apply(text);
    } catch (RuntimeException e) {
      // The parsers throw IllegalArgumentException or DateTimeParseException; both mean "not this kind of value".
      throw new CodecException("expected " + description + ", found " + JsonValues.describe(in) + " at "
          + JsonValues.position(in), e);
    }
  }

  @Override
  public String toString() {
    return "TextCodec[" + description + "]";
  }
}
