package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.JsonCodec;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * An enum written by constant name, as databind does by default; also a {@link MapKey} for enum-keyed maps.
 *
 * <pre>{@code static final EnumCodec<Status> STATUS = Codecs.enumCodec("Status", Status.values());}</pre>
 */
public final class EnumCodec<E extends Enum<E>> implements JsonCodec<E>, MapKey<E> {

  private final String typeName;
  private final Map<String, E> byName;

  EnumCodec(String typeName, E[] constants) {
    this.typeName = typeName;
    this.byName = new HashMap<>(constants.length * 2);
    for (E constant : constants) {
      byName.put(constant.name(), constant);
    }
  }

  @Override
  public void write(JsonGenerator out, E value) throws IOException {
    out.writeString(value.name());
  }

  @Override
  public E read(JsonParser in) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_STRING) {
      E constant = byName.get(in.getText());
      if (constant != null) {
        return constant;
      }
    }
    throw new CodecException("expected one of " + typeName + " " + byName.keySet() + ", found "
        + JsonValues.describe(in) + " at " + JsonValues.position(in));
  }

  @Override
  public String toName(E key) {
    return key.name();
  }

  @Override
  public E fromName(String name) {
    E constant = byName.get(name);
    if (constant == null) {
      throw new IllegalArgumentException("not one of " + typeName + " " + byName.keySet());
    }
    return constant;
  }
}
