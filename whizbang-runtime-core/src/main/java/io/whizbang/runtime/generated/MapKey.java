package io.whizbang.runtime.generated;

/**
 * Turns a map key into a JSON field name and back, the way databind does for the same key type. Reading is strict:
 * a key has one spelling only (integers as {@code Long.toString} writes them, UUIDs in their canonical form), so
 * that no two field names of one object can name the same key.
 *
 * <pre>{@code Codecs.map(MapKey.UUID, Codecs.STRING)}</pre>
 */
public interface MapKey<K> {

  String toName(K key);

  /** @throws IllegalArgumentException when {@code name} is not a valid key; the message does not quote it */
  K fromName(String name);

  MapKey<String> STRING = new MapKey<>() {
    @Override
    public String toName(String key) {
      return key;
    }

    @Override
    public String fromName(String name) {
      return name;
    }
  };

  MapKey<java.util.UUID> UUID = new MapKey<>() {
    @Override
    public String toName(java.util.UUID key) {
      return key.toString();
    }

    @Override
    public java.util.UUID fromName(String name) {
      return Codecs.parseUuid(name);
    }
  };

  MapKey<Integer> INTEGER = new MapKey<>() {
    @Override
    public String toName(Integer key) {
      return key.toString();
    }

    @Override
    public Integer fromName(String name) {
      return (int) CanonicalIntegers.parse(name, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
  };

  MapKey<Long> LONG = new MapKey<>() {
    @Override
    public String toName(Long key) {
      return key.toString();
    }

    @Override
    public Long fromName(String name) {
      return CanonicalIntegers.parse(name, Long.MIN_VALUE, Long.MAX_VALUE);
    }
  };

  MapKey<Short> SHORT = new MapKey<>() {
    @Override
    public String toName(Short key) {
      return key.toString();
    }

    @Override
    public Short fromName(String name) {
      return (short) CanonicalIntegers.parse(name, Short.MIN_VALUE, Short.MAX_VALUE);
    }
  };

  MapKey<Byte> BYTE = new MapKey<>() {
    @Override
    public String toName(Byte key) {
      return key.toString();
    }

    @Override
    public Byte fromName(String name) {
      return (byte) CanonicalIntegers.parse(name, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }
  };
}
