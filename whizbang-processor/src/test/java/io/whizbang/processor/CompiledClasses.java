package io.whizbang.processor;

import com.google.testing.compile.Compilation;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Loads the classes of a successful in-memory compilation, so a test can run the generated code. */
final class CompiledClasses extends ClassLoader {

  private final Map<String, byte[]> classes = new HashMap<>();

  CompiledClasses(Compilation compilation) {
    super(CompiledClasses.class.getClassLoader());
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      // mem:///CLASS_OUTPUT/test/Order.class -> test.Order
      String path = file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", "");
      try (InputStream in = file.openInputStream()) {
        classes.put(path.substring(0, path.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  Class<?> type(String name) {
    try {
      return loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("not compiled: " + name, e);
    }
  }

  /** A new instance of a record through its canonical constructor. */
  Object record(String name, Object... components) {
    Class<?> type = type(name);
    try {
      Class<?>[] parameterTypes = java.util.Arrays.stream(type.getRecordComponents())
          .map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new);
      Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
      return constructor.newInstance(components);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The generated codec of {@code recordName} ({@code <name>_JsonCodec.INSTANCE}). */
  @SuppressWarnings("unchecked")
  JsonCodec<Object> codec(String generatedCodecName) {
    try {
      return (JsonCodec<Object>) type(generatedCodecName).getField("INSTANCE").get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Encodes and decodes {@code value} with its generated codec. */
  Object roundTrip(String generatedCodecName, Object value) {
    JsonCodec<Object> codec = codec(generatedCodecName);
    return Json.decode(codec, Json.encode(codec, value));
  }
}
