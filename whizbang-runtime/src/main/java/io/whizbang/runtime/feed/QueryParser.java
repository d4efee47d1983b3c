package io.whizbang.runtime.feed;

import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.store.EventStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a raw query string into a {@link FeedRequest}, strictly: an unknown or repeated parameter is an error
 * rather than silently ignored, because a misspelt {@code afer=} would otherwise restart a reader from the beginning.
 */
final class QueryParser {
  static final String TYPES = "types";
  static final String AFTER = "after";
  static final String FROM = "from";
  static final String LIMIT = "limit";
  static final String STREAM = "stream";
  static final String UPTO = "upto";
  static final String PROGRESS = "progress";
  private static final Set<String> KNOWN = Set.of(TYPES, AFTER, FROM, LIMIT, STREAM, PROGRESS);
  private static final Set<String> KNOWN_FOR_COUNT = Set.of(TYPES, AFTER, FROM, UPTO);

  private final Set<String> knownWireNames;
  private final FeedOptions options;

  QueryParser(Set<String> knownWireNames, FeedOptions options) {
    this.knownWireNames = knownWireNames;
    this.options = options;
  }

  /** A count query: {@code types}, {@code after}, {@code from} as for the feed, and the required {@code upto}. */
  CountRequest parseCount(String rawQuery) {
    Map<String, String> params = split(rawQuery, KNOWN_FOR_COUNT, "types, after, from and upto");
    String upTo = params.get(UPTO);
    if (upTo == null || upTo.isEmpty()) {
      throw bad("bad_cursor", "Parameter 'upto' is required: the last cursor of the range to count");
    }
    EventCursor end;
    try {
      end = EventCursor.parse(upTo);
    } catch (IllegalArgumentException e) {
      throw bad("bad_cursor", e.getMessage());
    }
    return new CountRequest(types(params.get(TYPES)), cursor(params.get(AFTER)), end, from(params.get(FROM)));
  }

  FeedRequest parse(String rawQuery) {
    Map<String, String> params = split(rawQuery, KNOWN, "types, after, from, limit, stream and progress");
    Set<String> types = types(params.get(TYPES));
    EventCursor after = cursor(params.get(AFTER));
    Instant from = from(params.get(FROM));
    boolean stream = stream(params.get(STREAM));
    int limit = limit(params.get(LIMIT), stream);
    boolean progress = flag(PROGRESS, params.get(PROGRESS), "bad_progress");
    return new FeedRequest(types, after, from, limit, progress);
  }

  private static Map<String, String> split(String rawQuery, Set<String> known, String accepted) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!known.contains(name)) {
        throw bad("unknown_parameter", "Unknown query parameter '" + abbreviate(name)
            + "'; the feed accepts " + accepted);
      }
      if (params.put(name, value) != null) {
        throw bad("duplicate_parameter", "Query parameter '" + name + "' is given twice; give it once"
            + (name.equals(TYPES) ? " with comma-separated wire names" : ""));
      }
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw bad("bad_query", "The query string is not valid URL encoding near '" + abbreviate(s) + "'");
    }
  }

  private Set<String> types(String value) {
    if (value == null) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String name = part.trim();
      if (name.isEmpty()) {
        throw bad("bad_types", "Parameter 'types' holds an empty name; give comma-separated wire names such as"
            + " types=orders.OrderPlaced,orders.OrderShipped");
      }
      if (!knownWireNames.contains(name)) {
        unknown.add(abbreviate(name));
      } else {
        names.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw bad("unknown_type", "Unknown event type" + (unknown.size() == 1 ? " " : "s ")
          + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
          + (unknown.size() > 5 ? " (and " + (unknown.size() - 5) + " more)" : "")
          + "; this feed serves " + knownSummary());
    }
    if (names.size() > EventStore.MAX_WIRE_NAMES) {
      throw bad("bad_types", "At most " + EventStore.MAX_WIRE_NAMES + " types per request, got " + names.size());
    }
    return names;
  }

  private String knownSummary() {
    if (knownWireNames.isEmpty()) {
      return "no event types";
    }
    List<String> sorted = new ArrayList<>(knownWireNames);
    sorted.sort(null);
    return sorted.size() <= 10 ? String.join(", ", sorted)
        : String.join(", ", sorted.subList(0, 10)) + " and " + (sorted.size() - 10) + " more";
  }

  private static EventCursor cursor(String value) {
    if (value == null) {
      return EventCursor.START;
    }
    if (value.isEmpty()) {
      throw bad("bad_cursor", "Parameter 'after' is empty; leave it out to start at the beginning, or pass the"
          + " cursor of the last event read");
    }
    try {
      return EventCursor.parse(value);
    } catch (IllegalArgumentException e) {
      throw bad("bad_cursor", e.getMessage());
    }
  }

  private static Instant from(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw bad("bad_from", "Parameter 'from' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z: '"
          + abbreviate(value) + "'");
    }
  }

  private static boolean flag(String name, String value, String code) {
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true") || value.isEmpty()) {
      return true;
    }
    throw bad(code, "Parameter '" + name + "' must be true or false, was '" + abbreviate(value) + "'");
  }

  private static boolean stream(String value) {
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true") || value.isEmpty()) {
      return true;
    }
    throw bad("bad_stream", "Parameter 'stream' must be true or false, was '" + abbreviate(value) + "'");
  }

  private int limit(String value, boolean stream) {
    if (value == null) {
      return stream ? FeedRequest.STREAM : options.defaultPageSize();
    }
    if (stream) {
      throw bad("bad_limit", "Parameter 'limit' sets a page size; leave it out when stream=true");
    }
    int limit;
    try {
      limit = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw bad("bad_limit", "Parameter 'limit' must be a whole number between 1 and " + options.maxPageSize()
          + ", was '" + abbreviate(value) + "'");
    }
    if (limit < 1 || limit > options.maxPageSize()) {
      throw bad("bad_limit", "Parameter 'limit' must be between 1 and " + options.maxPageSize() + ", was " + limit
          + "; use stream=true to read everything in one response");
    }
    return limit;
  }

  private static FeedRequestException bad(String code, String message) {
    return new FeedRequestException(400, code, message);
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }
}
