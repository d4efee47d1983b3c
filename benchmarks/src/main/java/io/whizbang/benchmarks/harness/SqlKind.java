package io.whizbang.benchmarks.harness;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the kind of a SQL statement for a timing table: its verb and table ({@code insert outbox}, {@code select
 * inbox}), or for a {@code select} of a function its name ({@code select pg_notify}), with the harnesses' table prefix
 * ({@code bench_<area>_<random>_}) left out so that runs compare. A {@code returning} clause is kept in the name,
 * since it is the difference between two otherwise equal inserts; a {@code with} statement is named by its main
 * statement.
 */
public final class SqlKind {
  private static final Pattern BENCH_PREFIX = Pattern.compile("bench_[a-z0-9]+_[0-9a-f]{8}_");
  private static final Pattern TABLE_AFTER = Pattern.compile("\\b(?:into|update|from)\\s+([a-z_][a-z0-9_.\"]*)");
  private static final Pattern MAIN_OF_WITH =
      Pattern.compile("\\) (insert into|update|delete from|select)\\s+([a-z_][a-z0-9_.\"]*)");
  private static final Pattern FUNCTION = Pattern.compile("([a-z_][a-z0-9_]*)\\s*\\(");

  private SqlKind() {}

  public static String of(String sql) {
    String s = BENCH_PREFIX.matcher(sql.toLowerCase(Locale.ROOT).strip()).replaceAll("");
    int space = s.indexOf(' ');
    String verb = space < 0 ? s : s.substring(0, space);
    Matcher main = MAIN_OF_WITH.matcher(s);
    if (verb.equals("with") && main.find()) {
      // The statement after the common table expressions names it; the expressions ride along.
      String inner = of(s.substring(main.start() + 2));
      return inner.replaceFirst(" ", " (with ...) ");
    }
    Matcher table = TABLE_AFTER.matcher(s);
    String what;
    if (table.find()) {
      what = table.group(1);
    } else {
      Matcher function = FUNCTION.matcher(s.substring(verb.length()));
      what = function.find() ? function.group(1) : "";
    }
    String kind = (verb + " " + what).strip();
    if (s.contains("on conflict")) {
      kind += " on conflict";
    }
    if (s.contains(" returning ")) {
      kind += " returning";
    }
    return kind;
  }

  /** A thread's name without its trailing number and the harness prefix, so that a pool's threads count as one. */
  public static String threadGroup(String threadName) {
    return BENCH_PREFIX.matcher(threadName).replaceAll("").replaceAll("[-_#]?\\d+$", "");
  }
}
