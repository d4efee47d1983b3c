package io.whizbang.processor.read;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Looks annotations up by name (the processor never loads annotation classes) and reads their values. */
final class AnnotationValues {

  static final String PACKAGE = "io.whizbang.annotations.";
  static final String OWNED_BY = PACKAGE + "OwnedBy";
  static final String WIRE_NAME = PACKAGE + "WireName";
  static final String PARTITION_KEY = PACKAGE + "PartitionKey";
  static final String HANDLES = PACKAGE + "Handles";
  static final String PROJECTION = PACKAGE + "Projection";
  static final String SERVICE = PACKAGE + "WhizbangService";
  static final String EVENT_SOURCED = PACKAGE + "EventSourced";
  static final String APPLIES = PACKAGE + "Applies";
  static final String MESSAGE_VERSION = PACKAGE + "MessageVersion";
  static final String UPCASTS = PACKAGE + "Upcasts";
  static final String COMMAND = PACKAGE + "Command";
  static final String EVENT = PACKAGE + "Event";
  static final String HANDLER_CONTEXT = "io.whizbang.runtime.dispatch.HandlerContext";

  private AnnotationValues() {}

  static Optional<AnnotationMirror> find(Element element, String annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotation)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The value of {@code name}, explicit or default. */
  static AnnotationValue value(Elements elements, AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    throw new IllegalArgumentException("no attribute " + name + " on " + mirror);
  }

  /**
   * The {@code @MessageVersion} value of a type, 1 without one (checked by the version validation) or when javac
   * already reports the value as erroneous.
   */
  static int version(Elements elements, TypeElement type) {
    return find(type, MESSAGE_VERSION)
        .map(mirror -> value(elements, mirror, "value").getValue() instanceof Integer version ? version : 1)
        .orElse(1);
  }

  static String string(Elements elements, AnnotationMirror mirror, String name) {
    return String.valueOf(value(elements, mirror, name).getValue());
  }

  /** The elements of an array-valued attribute ({@code owns = {"a", "b"}}), each with its own position. */
  @SuppressWarnings("unchecked")
  static List<? extends AnnotationValue> array(Elements elements, AnnotationMirror mirror, String name) {
    return (List<? extends AnnotationValue>) value(elements, mirror, name).getValue();
  }

  /**
   * Whether a record component is annotated with an annotation whose simple name is {@code Nullable}, from any
   * library, wherever javac put it (see {@link ComponentCarriers}).
   */
  static boolean hasNullable(javax.lang.model.element.RecordComponentElement component) {
    return ComponentCarriers.hasSimpleName(component, "Nullable");
  }
}
