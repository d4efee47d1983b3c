package io.whizbang.runtime.sql;

import io.whizbang.runtime.core.internal.HeaderMaps;
import io.whizbang.runtime.storage.StorageException;
import java.util.Map;

/** Message headers in one text column of the outbox and the event store, as {@link HeaderMaps} writes them. */
public final class SqlHeaders {

  private SqlHeaders() {}

  /** {@code {"a":"1"}}; keys sorted so equal maps give equal text. */
  public static String encode(Map<String, String> headers) {
    return HeaderMaps.encode(headers);
  }

  /** The inverse of {@link #encode}; a stored value that is not a JSON object is a {@link StorageException}. */
  public static Map<String, String> decode(String text) {
    try {
      return HeaderMaps.decode(text);
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          e.getCause() == null ? "Stored headers are not a JSON object: " + text : "Stored headers are not valid JSON",
          e);
    }
  }
}
