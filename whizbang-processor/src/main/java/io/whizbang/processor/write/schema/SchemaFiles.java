package io.whizbang.processor.write.schema;

import java.nio.charset.StandardCharsets;

/**
 * Where the schemas and the AsyncAPI document go in the class output (and so in the jar), and how a wire name
 * becomes a file name: the characters of a portable file name stay, every other byte of its UTF-8 form is written
 * {@code %XX}, so distinct wire names never share a file.
 */
public final class SchemaFiles {

  /** The folder of the message schemas, one {@code <wire name>.schema.json} each. */
  public static final String SCHEMAS = "META-INF/whizbang/schemas/";

  /** The AsyncAPI document of the compilation's module. */
  public static final String ASYNCAPI = "META-INF/whizbang/asyncapi.json";

  private SchemaFiles() {}

  /** The schema's path in the class output. */
  public static String schemaPath(String wireName) {
    return SCHEMAS + fileName(wireName);
  }

  /** The schema's file name: {@code orders.OrderPlaced.schema.json}. */
  static String fileName(String wireName) {
    StringBuilder name = new StringBuilder();
    for (byte b : wireName.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
          || c == '_') {
        name.append(c);
      } else {
        name.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return name.append(".schema.json").toString();
  }

  /** The schema as a URI reference relative to the AsyncAPI document ({@code %} itself escaped as a URI needs). */
  static String referenceFromAsyncApi(String wireName) {
    return "schemas/" + fileName(wireName).replace("%", "%25");
  }
}
