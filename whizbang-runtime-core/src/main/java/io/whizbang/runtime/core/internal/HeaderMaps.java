package io.whizbang.runtime.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Message headers as one flat JSON object of strings: the runtime's only JSON that is not a payload (a text column of
 * the outbox and the event store; the CloudEvents {@code whizbangheaders} extension).
 */
public final class HeaderMaps {
  private static final JsonFactory JSON = new JsonFactory();

  private HeaderMaps() {}

  /** {@code {"a":"1"}}; keys sorted so equal maps give equal text. */
  public static String encode(Map<String, String> headers) {
    if (headers == null || headers.isEmpty()) {
      return "{}";
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, String> e : new TreeMap<>(headers).entrySet()) {
        json.writeStringField(e.getKey(), e.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The inverse of {@link #encode}.
   *
   * @throws IllegalArgumentException when {@code text} is not a JSON object
   */
  public static Map<String, String> decode(String text) {
    if (text == null || text.equals("{}")) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    try (JsonParser json = JSON.createParser(text)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object: " + text);
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        json.nextToken();
        headers.put(name, json.getValueAsString());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON", e);
    }
    return headers;
  }
}
