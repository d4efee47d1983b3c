package io.whizbang.runtime.transport.contract;

import io.whizbang.runtime.testfixtures.CapturedLogs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The log lines of one logger written while an action runs, under whichever slf4j provider the module's tests use:
 * the runtime's {@link CapturedLogs}, or slf4j-simple in the broker modules (which writes to {@code System.err},
 * looked up at each line, so the action's lines are read from a stand-in stream).
 */
final class WarningsSeen {
  interface Action {
    void run() throws Exception;
  }

  private WarningsSeen() {}

  static List<String> during(Class<?> logger, Action action) throws Exception {
    if (CapturedLogs.active()) {
      int before = lines(logger).size();
      action.run();
      List<String> all = lines(logger);
      return all.subList(before, all.size());
    }
    PrintStream err = System.err;
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    System.setErr(new PrintStream(seen, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(err);
    }
    String simpleName = logger.getName();
    return seen.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(simpleName)).toList();
  }

  private static List<String> lines(Class<?> logger) {
    return CapturedLogs.matching(l -> l.logger().equals(logger.getName())).stream()
        .map(CapturedLogs.Line::message).toList();
  }
}
