package io.whizbang.processor.diagnostics;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/** The one way the processor prints a diagnostic: always a {@link Problem}, always on the narrowest element. */
public final class Reporter {

  private final Messager messager;
  private final Predicate<Element> inCompilation;
  /** Elements of this compilation whose reading reads a type further down the stack (a library type). */
  private final Deque<Element> useSites = new ArrayDeque<>();
  private boolean errors;

  /**
   * @param inCompilation whether an element has a source in this compilation; a problem of any other element (a
   *     type from a library jar) is reported where this compilation uses it, since javac has no position for it
   */
  public Reporter(Messager messager, Predicate<Element> inCompilation) {
    this.messager = messager;
    this.inCompilation = inCompilation;
  }

  public Reporter(Messager messager) {
    this(messager, element -> true);
  }

  /**
   * Runs {@code read} with {@code site} (a handler parameter, a record component) as the place to report problems
   * of the library types it reads.
   */
  public <T> T whileReadingFor(Element site, Supplier<T> read) {
    useSites.push(site);
    try {
      return read.get();
    } finally {
      useSites.pop();
    }
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
    if (element != null && !inCompilation.test(element)) {
      Optional<Element> site = useSites.stream().filter(inCompilation).findFirst();
      if (site.isPresent()) {
        String note = " (in " + describe(element) + " from the class path, used here)";
        int fix = text.indexOf(". Fix: ");
        text = fix < 0 ? text + note : text.substring(0, fix) + note + text.substring(fix);
        element = site.get();
        annotation = null;
        value = null;
      }
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

  /** The type an element belongs to, by qualified name (or the package, for a package-info). */
  private static String describe(Element element) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement type) {
        return type.getQualifiedName().toString();
      }
    }
    return "package " + element;
  }
}
