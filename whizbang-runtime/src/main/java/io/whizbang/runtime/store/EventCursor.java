package io.whizbang.runtime.store;

/**
 * A reader's place in the all-events feed, resumable across restarts. Opaque to users: store {@link #token()} and
 * hand it back to {@link #parse}. The feed is ordered by {@code (txOrder, position)}: on PostgreSQL {@code txOrder}
 * is the appending transaction's id (raised to its stream's previous event), on H2 it is always 0.
 */
public record EventCursor(long txOrder, long position) {
  /** Before the first event. */
  public static final EventCursor START = new EventCursor(0, 0);

  public EventCursor {
    if (txOrder < 0 || position < 0) {
      throw new IllegalArgumentException("An event cursor holds non-negative numbers, was " + txOrder + "." + position);
    }
  }

  /** The cursor as text, for example {@code "1234.56"}. */
  public String token() {
    return txOrder + "." + position;
  }

  /**
   * Reads a {@link #token()}.
   *
   * @throws IllegalArgumentException with a readable reason when {@code token} is not a cursor
   */
  public static EventCursor parse(String token) {
    if (token == null || token.isEmpty()) {
      return START;
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot == token.length() - 1 || token.length() > 41) {
      throw new IllegalArgumentException("Malformed event cursor '" + abbreviate(token)
          + "': expected two numbers separated by '.', as returned by a previous read");
    }
    try {
      return new EventCursor(Long.parseLong(token.substring(0, dot)), Long.parseLong(token.substring(dot + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Malformed event cursor '" + abbreviate(token)
          + "': expected two numbers separated by '.', as returned by a previous read");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 50 ? s : s.substring(0, 50) + "...";
  }

  boolean isAfter(EventCursor other) {
    return txOrder > other.txOrder || (txOrder == other.txOrder && position > other.position);
  }
}
