package io.whizbang.processor.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * The elements one record component's annotations can land on. javac keeps an annotation on the component only
 * when its target includes RECORD_COMPONENT; otherwise it moves it to the private field, the accessor and the
 * canonical constructor's parameter, as its targets allow (JetBrains {@code @Nullable} 13.0, what Kotlin projects
 * carry, targets METHOD, FIELD and PARAMETER). Reading all four sees the annotation wherever it went.
 */
final class ComponentCarriers {

  private ComponentCarriers() {}

  /** The component, its field, its accessor and its canonical-constructor parameter (those that exist). */
  static List<Element> of(RecordComponentElement component) {
    List<Element> carriers = new ArrayList<>();
    carriers.add(component);
    TypeElement record = (TypeElement) component.getEnclosingElement();
    for (VariableElement field : ElementFilter.fieldsIn(record.getEnclosedElements())) {
      if (field.getSimpleName().equals(component.getSimpleName())) {
        carriers.add(field);
      }
    }
    if (component.getAccessor() != null) {
      carriers.add(component.getAccessor());
    }
    canonicalParameter(record, component).ifPresent(carriers::add);
    return carriers;
  }

  /** Whether the component or one of its carriers has an annotation (or a type annotation) of this simple name. */
  static boolean hasSimpleName(RecordComponentElement component, String simpleName) {
    for (Element carrier : of(component)) {
      List<AnnotationMirror> mirrors = new ArrayList<>(carrier.getAnnotationMirrors());
      mirrors.addAll(carrier.asType().getAnnotationMirrors());
      if (carrier instanceof ExecutableElement method) {
        mirrors.addAll(method.getReturnType().getAnnotationMirrors());
      }
      for (AnnotationMirror mirror : mirrors) {
        if (mirror.getAnnotationType().asElement().getSimpleName().contentEquals(simpleName)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The record component {@code element} is, or whose field, accessor or canonical parameter it is. */
  static Optional<RecordComponentElement> componentOf(Element element) {
    Element owner = element.getKind() == ElementKind.PARAMETER
        ? element.getEnclosingElement().getEnclosingElement() : element.getEnclosingElement();
    if (!(owner instanceof TypeElement record) || record.getKind() != ElementKind.RECORD) {
      return Optional.empty();
    }
    for (RecordComponentElement component : record.getRecordComponents()) {
      if (of(component).contains(element)) {
        return Optional.of(component);
      }
    }
    return Optional.empty();
  }

  private static Optional<VariableElement> canonicalParameter(TypeElement record,
      RecordComponentElement component) {
    List<? extends RecordComponentElement> components = record.getRecordComponents();
    int index = components.indexOf(component);
    for (ExecutableElement constructor : ElementFilter.constructorsIn(record.getEnclosedElements())) {
      List<? extends VariableElement> parameters = constructor.getParameters();
      // The canonical constructor's parameters are named like the components, in order (JLS 8.10.4).
      if (parameters.size() == components.size() && namesMatch(parameters, components)) {
        return Optional.of(parameters.get(index));
      }
    }
    return Optional.empty();
  }

  private static boolean namesMatch(List<? extends VariableElement> parameters,
      List<? extends RecordComponentElement> components) {
    for (int i = 0; i < parameters.size(); i++) {
      if (!parameters.get(i).getSimpleName().equals(components.get(i).getSimpleName())) {
        return false;
      }
    }
    return true;
  }
}
