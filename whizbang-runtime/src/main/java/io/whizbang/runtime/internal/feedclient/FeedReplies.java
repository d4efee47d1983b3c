package io.whizbang.runtime.internal.feedclient;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.TreeSet;

/** The feed's small JSON replies (horizon, count, error bodies) and query filters, for {@link BackfillReader}. */
final class FeedReplies {
  private static final JsonFactory JSON = new JsonFactory();

  private FeedReplies() {}

  /** The query's filter: {@code &types=} (sorted, so equal requests read alike in logs) and {@code &from=}. */
  static void appendFilter(StringBuilder query, Instant from, Collection<String> wireNames) {
    if (!wireNames.isEmpty()) {
      query.append("&types=").append(URLEncoder.encode(String.join(",", new TreeSet<>(wireNames)),
          StandardCharsets.UTF_8));
    }
    if (from != null) {
      query.append("&from=").append(URLEncoder.encode(from.toString(), StandardCharsets.UTF_8));
    }
  }

  /** The reply of {@code /horizon}: {@code {"horizon":"n"}}. */
  static long horizon(byte[] body) throws IOException {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
          String field = p.currentName();
          p.nextToken();
          if (field.equals("horizon")) {
            return Long.parseLong(p.getValueAsString());
          }
          p.skipChildren();
        }
      }
    } catch (NumberFormatException e) {
      throw new IOException("Malformed horizon reply", e);
    }
    throw new IOException("The horizon reply holds no 'horizon' field");
  }

  /** The reply of {@code /count}: {@code {"count":n,"settled":bool}}. */
  static FeedCount count(byte[] body) throws IOException {
    Long count = null;
    Boolean settled = null;
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          if (field.equals("count") && value == JsonToken.VALUE_NUMBER_INT) {
            count = p.getLongValue();
          } else if (field.equals("settled") && value.isBoolean()) {
            settled = p.getBooleanValue();
          } else {
            p.skipChildren();
          }
        }
      }
    }
    if (count == null || settled == null) {
      throw new RetryableFeedException("the count reply has no count or settled field");
    }
    return new FeedCount(count, settled);
  }

  /** The error a non-200 reply means: a 4xx other than 408 and 429 is final, anything else worth another try. */
  static RuntimeException failure(URI eventsUrl, int status, byte[] bytes) {
    String code = null;
    String message = null;
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
          String field = p.currentName();
          p.nextToken();
          if (field.equals("error")) {
            code = p.getValueAsString();
          } else if (field.equals("message")) {
            message = p.getValueAsString();
          } else {
            p.skipChildren();
          }
        }
      }
    } catch (IOException e) {
      // Not our JSON error body (a proxy's page, say): report the status and the start of the text.
    }
    if (message == null) {
      message = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8);
    }
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      String hint = status == 401 ? " Check the bearer token configured for this source." : "";
      return new FeedRejectedException(status, code, "The event feed " + eventsUrl + " refused the request with "
          + status + (code == null ? "" : " " + code) + ": " + message + hint);
    }
    return new RetryableFeedException("HTTP " + status + (code == null ? "" : " " + code) + ": " + message);
  }
}
