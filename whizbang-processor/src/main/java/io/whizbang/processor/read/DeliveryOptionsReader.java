package io.whizbang.processor.read;

import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import io.whizbang.processor.model.DeliveryOptions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Reads and checks a message type's {@code @Priority} and {@code @TimeToLive}; empty after a report. */
final class DeliveryOptionsReader {
  static final String PRIORITY = AnnotationValues.PACKAGE + "Priority";
  static final String TIME_TO_LIVE = AnnotationValues.PACKAGE + "TimeToLive";

  private final Elements elements;
  private final Reporter reporter;

  DeliveryOptionsReader(Elements elements, Reporter reporter) {
    this.elements = elements;
    this.reporter = reporter;
  }

  Optional<DeliveryOptions> read(TypeElement type) {
    Optional<Integer> priority = priority(type);
    Optional<Optional<String>> timeToLive = timeToLive(type);
    if (priority.isEmpty() || timeToLive.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DeliveryOptions(priority.get(), timeToLive.get()));
  }

  private Optional<Integer> priority(TypeElement type) {
    Optional<AnnotationMirror> mirror = AnnotationValues.find(type, PRIORITY);
    if (mirror.isEmpty()) {
      return Optional.of(0);
    }
    AnnotationValue value = AnnotationValues.value(elements, mirror.get(), "value");
    if (!(value.getValue() instanceof Integer priority)) {
      return Optional.empty();                       // javac reports the erroneous value itself
    }
    if (priority < 0 || priority > 9) {
      reporter.report(Problem.INVALID_PRIORITY, type, mirror.get(), value, priority, type.getQualifiedName());
      return Optional.empty();
    }
    return Optional.of(priority);
  }

  /** Empty after a report; otherwise the duration as written, which may be absent. */
  private Optional<Optional<String>> timeToLive(TypeElement type) {
    Optional<AnnotationMirror> mirror = AnnotationValues.find(type, TIME_TO_LIVE);
    if (mirror.isEmpty()) {
      return Optional.of(Optional.empty());
    }
    AnnotationValue value = AnnotationValues.value(elements, mirror.get(), "value");
    String text = String.valueOf(value.getValue());
    if (!isPositiveDuration(text)) {
      reporter.report(Problem.INVALID_TIME_TO_LIVE, type, mirror.get(), value, text, type.getQualifiedName());
      return Optional.empty();
    }
    return Optional.of(Optional.of(text));
  }

  private static boolean isPositiveDuration(String text) {
    try {
      Duration d = Duration.parse(text);
      return !d.isNegative() && !d.isZero();
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
