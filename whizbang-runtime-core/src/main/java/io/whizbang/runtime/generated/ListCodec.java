package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.JsonCodec;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;

/** A list or set as a JSON array; elements may be null. Read collections are unmodifiable and keep their order. */
final class ListCodec<E, C extends Collection<E>> implements JsonCodec<C> {

  private final JsonCodec<E> element;
  private final boolean set;

  ListCodec(JsonCodec<E> element, boolean set) {
    this.element = element;
    this.set = set;
  }

  @Override
  public void write(JsonGenerator out, C value) throws IOException {
    out.writeStartArray();
    for (E item : value) {
      JsonValues.write(out, element, item);
    }
    out.writeEndArray();
  }

  @Override
  @SuppressWarnings("unchecked")
  public C read(JsonParser in) throws IOException {
    if (in.currentToken() != JsonToken.START_ARRAY) {
      throw new CodecException("expected an array, found " + JsonValues.describe(in) + " at "
          + JsonValues.position(in));
    }
    Collection<E> items = set ? new LinkedHashSet<>() : new ArrayList<>();
    int index = 0;
    for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
      if (token == null) {
        throw new CodecException("unexpected end of the input inside an array at " + JsonValues.position(in));
      }
      try {
        items.add(token == JsonToken.VALUE_NULL ? null : element.read(in));
      } catch (CodecException e) {
        throw JsonValues.inElement(index, e);
      }
      index++;
    }
    return (C) (set ? Collections.unmodifiableSet((LinkedHashSet<E>) items)
        : Collections.unmodifiableList((ArrayList<E>) items));
  }
}
