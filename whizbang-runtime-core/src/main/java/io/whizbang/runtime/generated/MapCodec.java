package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.core.internal.Clipped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map as a JSON object whose field names are the keys; the read map is unmodifiable and keeps input order. A key
 * that appears twice is refused.
 */
final class MapCodec<K, V> implements JsonCodec<Map<K, V>> {

  private final MapKey<K> key;
  private final JsonCodec<V> value;

  MapCodec(MapKey<K> key, JsonCodec<V> value) {
    this.key = key;
    this.value = value;
  }

  @Override
  public void write(JsonGenerator out, Map<K, V> map) throws IOException {
    out.writeStartObject();
    for (Map.Entry<K, V> entry : map.entrySet()) {
      if (entry.getKey() == null) {
        throw new CodecException("Cannot encode a map with a null key: JSON field names cannot be null");
      }
      out.writeFieldName(key.toName(entry.getKey()));
      JsonValues.write(out, value, entry.getValue());
    }
    out.writeEndObject();
  }

  @Override
  public Map<K, V> read(JsonParser in) throws IOException {
    if (in.currentToken() != JsonToken.START_OBJECT) {
      throw new CodecException("expected an object, found " + JsonValues.describe(in) + " at "
          + JsonValues.position(in));
    }
    Map<K, V> map = new LinkedHashMap<>();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String name = in.currentName();
      K k;
      try {
        k = key.fromName(name);
      } catch (IllegalArgumentException e) {
        throw new CodecException("invalid map key \"" + Clipped.text(name, 40) + "\" (" + e.getMessage() + ") at "
            + JsonValues.position(in), e);
      }
      int size = map.size();
      try {
        map.put(k, in.nextToken() == JsonToken.VALUE_NULL ? null : value.read(in));
      } catch (CodecException e) {
        throw JsonValues.inElement(name, e);
      }
      if (map.size() == size) {
        // Refused rather than "last one wins": two readers of the same bytes must not see different maps.
        throw new CodecException("map key \"" + Clipped.text(name, 40) + "\" appears twice in the object, at "
            + JsonValues.position(in));
      }
    }
    if (in.currentToken() != JsonToken.END_OBJECT) {
      throw new CodecException("unexpected " + JsonValues.describe(in) + " inside a map at " + JsonValues.position(in));
    }
    return Collections.unmodifiableMap(map);
  }
}
