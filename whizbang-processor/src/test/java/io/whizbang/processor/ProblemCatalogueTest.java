package io.whizbang.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * The message catalogue: stable unique codes, every message says how to fix it, every code is shown by a bad
 * input, crashes are errors.
 */
class ProblemCatalogueTest {

  /** Codes that no compilation of sources alone can cause, each with why and where it is tested instead. */
  private static final Map<Problem, String> WITHOUT_BAD_INPUT = Map.of(
      Problem.MESSAGE_WITHOUT_CODEC, "needs a message from a library compiled without the processor "
          + "(LintAndLibrariesTest)",
      Problem.LATE_TYPE, "needs another processor that generates a message after the module (DeferredTypesTest)",
      Problem.INTERNAL_ERROR, "needs the processor itself to fail (aCrashIsReportedAsAnErrorWithItsStackTrace)");

  private static final Pattern CODE = Pattern.compile("^\\[(WB\\d+)] ");

  @Test
  void codesAreUniqueAndWellFormed() {
    List<String> codes = Arrays.stream(Problem.values()).map(Problem::code).toList();

    assertThat(codes).doesNotHaveDuplicates().allMatch(code -> code.matches("WB1\\d\\d"));
  }

  @Test
  void everyMessageCarriesItsCodeAndAFix() {
    for (Problem problem : Problem.values()) {
      Object[] args = new Object[8];
      Arrays.fill(args, 1);
      String text = problem.format(args);
      assertThat(text).startsWith("[" + problem.code() + "] ").contains(". Fix: ").doesNotContain("%s", "%d");
    }
  }

  /**
   * A new code needs a file under src/test/resources/bad/ that shows it (and a DiagnosticsTest or
   * AggregateDiagnosticsTest case pinning its text and position): a code no input shows is a message nobody has
   * seen.
   */
  @Test
  void everyCodeIsShownByABadInput() {
    Set<String> shown = new TreeSet<>();
    for (String input : BadInputs.names()) {
      BadInputs.compile(input).compilation().diagnostics().forEach(diagnostic -> {
        Matcher code = CODE.matcher(diagnostic.getMessage(Locale.ROOT));
        if (code.find()) {
          shown.add(code.group(1));
        }
      });
    }

    List<String> missing = Arrays.stream(Problem.values())
        .filter(problem -> !WITHOUT_BAD_INPUT.containsKey(problem) && !shown.contains(problem.code()))
        .map(problem -> problem.code() + " " + problem.name()).toList();
    assertThat(missing).as("codes that no input under src/test/resources/bad/ shows").isEmpty();
    List<String> listedButShown = WITHOUT_BAD_INPUT.keySet().stream().map(Problem::code).filter(shown::contains)
        .toList();
    assertThat(listedButShown).as("codes listed as without a bad input that one shows").isEmpty();
  }

  @Test
  void aCrashIsReportedAsAnErrorWithItsStackTrace() {
    List<String> printed = new ArrayList<>();
    Reporter reporter = new Reporter(new RecordingMessager(printed));

    reporter.internalError(new IllegalStateException("boom"));

    assertThat(reporter.hasErrors()).isTrue();
    assertThat(printed).singleElement().asString()
        .startsWith("ERROR [WB199] the Whizbang processor failed unexpectedly: java.lang.IllegalStateException: boom")
        .contains("at io.whizbang.processor.ProblemCatalogueTest");
  }

  private record RecordingMessager(List<String> printed) implements Messager {
    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg) {
      printed.add(kind + " " + msg);
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e) {
      printMessage(kind, msg);
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a) {
      printMessage(kind, msg);
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a,
        AnnotationValue v) {
      printMessage(kind, msg);
    }
  }
}
