package io.whizbang.runtime.testfixtures;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of the runtime's tests (chosen with {@code -Dslf4j.provider}, see the module's pom): prints INFO
 * and above to {@code System.err} as slf4j-simple does, and also keeps the latest lines, each with the MDC it was
 * logged under, for tests that assert what was logged. Unlike slf4j-simple it has a working MDC.
 */
public final class CapturedLogs implements SLF4JServiceProvider {
  /** One line as logged: the logger, the level, the formatted message and the MDC at the time. */
  public record Line(String logger, Level level, String message, Map<String, String> mdc) {}

  private static final int KEEP = 20_000;
  private static final List<Line> LINES = new ArrayList<>();

  private final MDCAdapter mdc = new BasicMDCAdapter();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final ILoggerFactory loggers = CapturingLogger::new;

  /** The lines kept so far that match {@code which}. */
  public static List<Line> matching(Predicate<Line> which) {
    synchronized (LINES) {
      return LINES.stream().filter(which).toList();
    }
  }

  /** True when the tests run with this binding (and not another one on the class path). */
  public static boolean active() {
    return MDC.getMDCAdapter() instanceof BasicMDCAdapter;
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class CapturingLogger extends LegacyAbstractLogger {
    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
        Throwable throwable) {
      String message = MessageFormatter.basicArrayFormat(pattern, arguments);
      Map<String, String> context = MDC.getCopyOfContextMap();
      synchronized (LINES) {
        if (LINES.size() == KEEP) {
          LINES.remove(0);
        }
        LINES.add(new Line(name, level, message, context == null ? Map.of() : Map.copyOf(context)));
      }
      PrintStream err = System.err;
      synchronized (err) {
        err.println("[" + Thread.currentThread().getName() + "] " + level + " " + name + " - " + message);
        if (throwable != null) {
          throwable.printStackTrace(err);
        }
      }
    }
  }
}
