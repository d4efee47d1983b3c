package io.whizbang.processor.write.schema;

import java.util.List;
import java.util.Map;

/**
 * Prints a JSON value built from maps (in their own iteration order), lists, strings, numbers, booleans and null,
 * indented by two spaces with one member per line, so that a changed message shows as a small diff. Non-ASCII
 * characters are written as {@code \\uXXXX} escapes, like the generated sources, so the files read the same in any
 * encoding. The processor stays free of a JSON library: this is all the JSON it writes.
 */
final class PrettyJson {

  private final StringBuilder out = new StringBuilder();

  private PrettyJson() {}

  /** The text of {@code value} followed by a line feed. */
  static String print(Object value) {
    PrettyJson json = new PrettyJson();
    json.value(value, 0);
    return json.out.append('\n').toString();
  }

  private void value(Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      string(text);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      object(map, depth);
    } else if (value instanceof List<?> list) {
      array(list, depth);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private void object(Map<?, ?> map, int depth) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    String separator = "\n";
    for (Map.Entry<?, ?> member : map.entrySet()) {
      out.append(separator);
      indent(depth + 1);
      string((String) member.getKey());
      out.append(": ");
      if (member.getKey().equals("type") && member.getValue() instanceof List<?> types) {
        inline(types); // ["string", "null"]: a short union reads best on one line
      } else {
        value(member.getValue(), depth + 1);
      }
      separator = ",\n";
    }
    out.append('\n');
    indent(depth);
    out.append('}');
  }

  private void array(List<?> list, int depth) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    String separator = "\n";
    for (Object item : list) {
      out.append(separator);
      indent(depth + 1);
      value(item, depth + 1);
      separator = ",\n";
    }
    out.append('\n');
    indent(depth);
    out.append(']');
  }

  private void inline(List<?> strings) {
    out.append('[');
    for (int i = 0; i < strings.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      string((String) strings.get(i));
    }
    out.append(']');
  }

  private void string(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private void indent(int depth) {
    out.append("  ".repeat(depth));
  }
}
