package io.whizbang.runtime.internal;

/** The page bound every {@code DeadLetters.list} shares. */
public final class DeadLetterPages {
  public static final int MAX_LIMIT = 10_000;

  private DeadLetterPages() {}

  public static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }
}
