package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** Classifies and describes handling failures for retries and dead letters. */
final class Failures {
  private static final int STACK_FRAMES = 12;

  private Failures() {}

  /** True for failures no retry can cure: bytes that cannot be decoded, a type nobody handles. */
  static boolean isPermanent(Throwable t) {
    return t instanceof CodecException || t instanceof UnknownMessageTypeException;
  }

  /**
   * True when the run failed because the database went away under it, not because of the message: a lost or refused
   * connection (SQLState class 08, or the driver's connection exception types) or a server shutting down or not yet
   * accepting connections (PostgreSQL's 57P01–57P03), anywhere in the cause chain. Such a run spends no attempt, so
   * that a database outage can never dead-letter a message, however often it interrupts the same one.
   */
  static boolean isDatabaseUnavailable(Throwable t) {
    int depth = 0;
    for (Throwable cur = t; cur != null && depth < 16; cur = cur.getCause(), depth++) {
      if (cur instanceof SQLTransientConnectionException || cur instanceof SQLNonTransientConnectionException
          || cur instanceof SQLRecoverableException) {
        return true;
      }
      if (cur instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
          return true;
        }
      }
    }
    return false;
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
