package io.whizbang.processor.read;

import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import io.whizbang.processor.model.Names;
import io.whizbang.processor.model.ServiceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/** Reads the compilation's {@code @WhizbangService}: its name and owned domains. */
public final class ServiceReader {

  private final Elements elements;
  private final Reporter reporter;

  public ServiceReader(Elements elements, Reporter reporter) {
    this.elements = elements;
    this.reporter = reporter;
  }

  /**
   * Reads the service declaration; empty after a report.
   *
   * @param first the service element read before, if any (a second one is an error)
   */
  public Optional<ServiceModel> read(Element element, Optional<Element> first) {
    AnnotationMirror mirror = AnnotationValues.find(element, AnnotationValues.SERVICE).orElseThrow();
    if (first.isPresent()) {
      reporter.report(Problem.MULTIPLE_SERVICES, element, mirror, null, describe(first.get()));
      return Optional.empty();
    }
    boolean ok = true;
    AnnotationValue name = AnnotationValues.value(elements, mirror, "name");
    if (!Names.isValidDomain(String.valueOf(name.getValue()))) {
      reporter.report(Problem.INVALID_SERVICE_NAME, element, mirror, name, name.getValue());
      ok = false;
    }
    List<String> owns = new ArrayList<>();
    for (AnnotationValue domain : AnnotationValues.array(elements, mirror, "owns")) {
      String value = String.valueOf(domain.getValue());
      if (!Names.isValidDomain(value)) {
        reporter.report(Problem.INVALID_DOMAIN, element, mirror, domain, value);
        ok = false;
      }
      owns.add(value);
    }
    String packageName = elements.getPackageOf(element).getQualifiedName().toString();
    return ok ? Optional.of(new ServiceModel(String.valueOf(name.getValue()), owns, packageName, element))
        : Optional.empty();
  }

  private static String describe(Element element) {
    return element.getKind().isClass() || element.getKind().isInterface()
        ? element.toString() : "package " + element;
  }
}
