package io.whizbang.processor.read;

import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Whizbang annotations written where they mean nothing, which would otherwise be ignored: {@code @PartitionKey}
 * anywhere but on a component of a message record (a method, a field, a parameter, a record that is no message),
 * and {@code @WireName}, {@code @Priority} or {@code @TimeToLive} on a type that implements neither Command nor Event.
 */
public final class StrayAnnotations {

  private final Elements elements;
  private final Reporter reporter;
  private final MessageReader messages;

  public StrayAnnotations(Elements elements, Reporter reporter, MessageReader messages) {
    this.elements = elements;
    this.reporter = reporter;
    this.messages = messages;
  }

  public void check(RoundEnvironment round) {
    TypeElement partitionKey = elements.getTypeElement(AnnotationValues.PARTITION_KEY);
    if (partitionKey != null) {
      Set<RecordComponentElement> reported = new HashSet<>();
      for (Element element : round.getElementsAnnotatedWith(partitionKey)) {
        checkPartitionKey(element, reported);
      }
    }
    for (String annotation : List.of(AnnotationValues.WIRE_NAME, DeliveryOptionsReader.PRIORITY,
        DeliveryOptionsReader.TIME_TO_LIVE)) {
      checkOnMessageTypes(round, annotation);
    }
  }

  /** A type annotation that only a message type reads. */
  private void checkOnMessageTypes(RoundEnvironment round, String annotation) {
    TypeElement annotationType = elements.getTypeElement(annotation);
    if (annotationType == null) {
      return;
    }
    String simpleName = annotation.substring(annotation.lastIndexOf('.') + 1);
    for (Element element : round.getElementsAnnotatedWith(annotationType)) {
      if (element instanceof TypeElement type && !messages.isMessage(type.asType())) {
        reporter.report(Problem.OWNED_BY_ON_NON_MESSAGE, type, AnnotationValues.find(type, annotation).orElseThrow(),
            null, type.getQualifiedName(), simpleName, simpleName);
      }
    }
  }

  private void checkPartitionKey(Element element, Set<RecordComponentElement> reported) {
    Optional<RecordComponentElement> component = ComponentCarriers.componentOf(element);
    if (component.isPresent()) {
      TypeElement record = (TypeElement) component.get().getEnclosingElement();
      // A message record's key is read (and its problems reported) by MessageReader.
      if (messages.isMessage(record.asType()) || !reported.add(component.get())) {
        return;
      }
      reporter.report(Problem.PARTITION_KEY_OUTSIDE_MESSAGE, RecordReader.site(component.get()),
          "component '" + component.get().getSimpleName() + "' of " + record.getQualifiedName());
      return;
    }
    reporter.report(Problem.PARTITION_KEY_OUTSIDE_MESSAGE, element, describe(element));
  }

  private static String describe(Element element) {
    Element owner = element.getEnclosingElement();
    String kind = element.getKind() == ElementKind.METHOD ? "method"
        : element.getKind() == ElementKind.PARAMETER ? "parameter" : "field";
    if (element.getKind() == ElementKind.PARAMETER) {
      return kind + " '" + element.getSimpleName() + "' of " + owner.getEnclosingElement().getSimpleName() + "."
          + owner.getSimpleName() + "(...)";
    }
    return kind + " " + owner.getSimpleName() + "." + element.getSimpleName()
        + (element.getKind() == ElementKind.METHOD ? "()" : "");
  }
}
