package io.whizbang.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * The JSON shape of one record component or collection element, as the codec writer needs it. Built by the reader
 * from a {@code TypeMirror}; the writer turns it into code without looking at elements.
 */
public sealed interface ValueType {

  /** The Java type of the value, as it appears in generated declarations. */
  TypeName javaType();

  /** A primitive: read and written inline. {@code name} is the primitive's keyword ("int"). */
  record Primitive(TypeName javaType, String name) implements ValueType {}

  /** A boxed primitive: inline, null allowed. {@code name} is the primitive's keyword ("int" for Integer). */
  record Boxed(TypeName javaType, String name) implements ValueType {}

  /** A String: inline. */
  record Text(TypeName javaType) implements ValueType {}

  /** A value with a shared runtime codec, {@code Codecs.<constant>} (UUID, java.time, BigDecimal, arrays...). */
  record Shared(TypeName javaType, String constant) implements ValueType {}

  /** An enum, by constant name; {@code constants} in declaration order (for its JSON Schema). */
  record EnumValue(ClassName javaType, List<String> constants) implements ValueType {
    public EnumValue {
      constants = List.copyOf(constants);
    }
  }

  /** A record with its own generated codec. */
  record RecordValue(ClassName javaType, ClassName codec) implements ValueType {}

  /** A List or Set. */
  record CollectionValue(TypeName javaType, boolean set, ValueType element) implements ValueType {}

  /** A Map whose keys become field names. */
  record MapValue(TypeName javaType, MapKeyType key, ValueType value) implements ValueType {}

  /** An Optional component: absent or null reads as empty. */
  record OptionalValue(TypeName javaType, ValueType element) implements ValueType {}

  /**
   * Map key kinds: a shared {@code MapKey.<constant>} or an enum's codec; {@code enumConstants} lists an enum key's
   * constants (empty otherwise).
   */
  record MapKeyType(TypeName javaType, String constant, ClassName enumType, List<String> enumConstants) {
    public MapKeyType {
      enumConstants = List.copyOf(enumConstants);
    }
  }
}
