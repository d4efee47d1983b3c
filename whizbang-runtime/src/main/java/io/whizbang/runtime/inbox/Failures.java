package io.whizbang.runtime.inbox;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;

/** Classifies and describes handling failures for retries and dead letters. */
final class Failures {
  private static final int STACK_FRAMES = 12;

  private Failures() {}

  /** True for failures no retry can cure: bytes that cannot be decoded, a type nobody handles. */
  static boolean isPermanent(Throwable t) {
    return t instanceof CodecException || t instanceof UnknownMessageTypeException;
  }

  static String reason(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /** The exception chain with the first frames of each, enough to find the failing line without a log search. */
  static String stackSummary(Throwable t) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (Throwable cur = t; cur != null && depth < 4; cur = cur.getCause(), depth++) {
      if (depth > 0) {
        out.append("Caused by: ");
      }
      out.append(cur).append('\n');
      StackTraceElement[] frames = cur.getStackTrace();
      for (int i = 0; i < Math.min(frames.length, STACK_FRAMES); i++) {
        out.append("\tat ").append(frames[i]).append('\n');
      }
      if (frames.length > STACK_FRAMES) {
        out.append("\t... ").append(frames.length - STACK_FRAMES).append(" more\n");
      }
    }
    return out.toString();
  }
}
