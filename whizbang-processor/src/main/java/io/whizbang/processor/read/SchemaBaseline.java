package io.whizbang.processor.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The committed message schemas a compilation is compared with ({@code -Awhizbang.schemaBaseline=<folder>}): every
 * {@code *.schema.json} of the folder, as the processor wrote it, by the wire name in its {@code x-whizbang}.
 *
 * @param schemas each message's schema, by wire name
 */
public record SchemaBaseline(Map<String, Map<String, Object>> schemas) {

  /** The processor option naming the baseline folder. */
  public static final String OPTION = "whizbang.schemaBaseline";

  /** A folder that cannot be read, or a file that is not a schema the processor wrote. */
  public static final class Unreadable extends Exception {
    public Unreadable(String problem) {
      super(problem);
    }
  }

  /** The baseline the option names; empty when it names none. */
  public static Optional<SchemaBaseline> read(Map<String, String> options) throws Unreadable {
    String folder = options.get(OPTION);
    if (folder == null || folder.isBlank()) {
      return Optional.empty();
    }
    Path root = Path.of(folder);
    if (!Files.isDirectory(root)) {
      throw new Unreadable("it is not a folder");
    }
    Map<String, Map<String, Object>> schemas = new TreeMap<>();
    try (Stream<Path> files = Files.list(root)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".schema.json")).sorted().toList()) {
        Map<String, Object> schema = schema(file);
        schemas.put(wireName(file, schema), schema);
      }
    } catch (IOException e) {
      throw new Unreadable(e.toString());
    }
    return Optional.of(new SchemaBaseline(schemas));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> schema(Path file) throws IOException, Unreadable {
    try {
      Object parsed = JsonText.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (parsed instanceof Map<?, ?> map && map.get("x-whizbang") instanceof Map) {
        return (Map<String, Object>) map;
      }
      throw new Unreadable(file.getFileName() + " is not a message schema written by the processor (no x-whizbang)");
    } catch (IllegalArgumentException e) {
      throw new Unreadable(file.getFileName() + " is not JSON: " + e.getMessage());
    }
  }

  private static String wireName(Path file, Map<String, Object> schema) throws Unreadable {
    Object wireName = ((Map<?, ?>) schema.get("x-whizbang")).get("wireName");
    if (!(wireName instanceof String name)) {
      throw new Unreadable(file.getFileName() + " has no x-whizbang.wireName");
    }
    return name;
  }

  /** The baseline schema of a Java type, whatever its wire name was. */
  public Optional<Map<String, Object>> byJavaType(String canonicalName) {
    return schemas.values().stream()
        .filter(schema -> canonicalName.equals(((Map<?, ?>) schema.get("x-whizbang")).get("javaType")))
        .findFirst();
  }
}
