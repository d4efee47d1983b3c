package io.whizbang.processor.diagnostics;

import java.io.PrintWriter;
import java.io.StringWriter;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** The one way the processor prints a diagnostic: always a {@link Problem}, always on the narrowest element. */
public final class Reporter {

  private final Messager messager;
  private boolean errors;

  public Reporter(Messager messager) {
    this.messager = messager;
  }

  public void report(Problem problem, Element element, Object... args) {
    print(problem, problem.format(args), element, null, null);
  }

  /** Reports on one annotation value, so IDEs and javac point at the value that is wrong. */
  public void report(Problem problem, Element element, AnnotationMirror annotation, AnnotationValue value,
      Object... args) {
    print(problem, problem.format(args), element, annotation, value);
  }

  /** Reports at a source position that has no element, such as a member of a local class. */
  public void report(Problem problem, SourcePosition position, Object... args) {
    if (problem.kind() == Diagnostic.Kind.ERROR) {
      errors = true;
    }
    position.print(problem.kind(), problem.format(args));
  }

  /** Reports a crash of the processor itself; javac never sees the exception. */
  public void internalError(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    print(Problem.INTERNAL_ERROR, Problem.INTERNAL_ERROR.format(failure) + "\n" + trace, null, null, null);
  }

  /** Whether any error was reported in this compilation. */
  public boolean hasErrors() {
    return errors;
  }

  private void print(Problem problem, String text, Element element, AnnotationMirror annotation,
      AnnotationValue value) {
    if (problem.kind() == Diagnostic.Kind.ERROR) {
      errors = true;
    }
    if (element == null) {
      messager.printMessage(problem.kind(), text);
    } else if (annotation == null) {
      messager.printMessage(problem.kind(), text, element);
    } else if (value == null) {
      messager.printMessage(problem.kind(), text, element, annotation);
    } else {
      messager.printMessage(problem.kind(), text, element, annotation, value);
    }
  }
}
