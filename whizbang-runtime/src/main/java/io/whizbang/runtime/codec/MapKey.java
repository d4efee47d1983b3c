package io.whizbang.runtime.codec;

/**
 * Turns a map key into a JSON field name and back, the way databind does for the same key type.
 *
 * <pre>{@code Codecs.map(MapKey.UUID, Codecs.STRING)}</pre>
 */
public interface MapKey<K> {

  String toName(K key);

  /** @throws IllegalArgumentException when {@code name} is not a valid key */
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
      return Integer.valueOf(name);
    }
  };

  MapKey<Long> LONG = new MapKey<>() {
    @Override
    public String toName(Long key) {
      return key.toString();
    }

    @Override
    public Long fromName(String name) {
      return Long.valueOf(name);
    }
  };

  MapKey<Short> SHORT = new MapKey<>() {
    @Override
    public String toName(Short key) {
      return key.toString();
    }

    @Override
    public Short fromName(String name) {
      return Short.valueOf(name);
    }
  };

  MapKey<Byte> BYTE = new MapKey<>() {
    @Override
    public String toName(Byte key) {
      return key.toString();
    }

    @Override
    public Byte fromName(String name) {
      return Byte.valueOf(name);
    }
  };
}
