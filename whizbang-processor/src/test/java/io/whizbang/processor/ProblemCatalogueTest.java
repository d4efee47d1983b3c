package io.whizbang.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** The message catalogue: stable unique codes, every message says how to fix it, crashes are errors. */
class ProblemCatalogueTest {

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
