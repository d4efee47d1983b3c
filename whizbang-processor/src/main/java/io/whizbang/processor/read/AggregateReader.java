package io.whizbang.processor.read;

import com.palantir.javapoet.ClassName;
import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import io.whizbang.processor.model.AggregateModel;
import io.whizbang.processor.model.ApplierModel;
import io.whizbang.processor.model.MessageModel;
import io.whizbang.processor.model.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads {@code @EventSourced} state types: the type's shape, its {@code initial(String id)} factory and each
 * {@code @Applies} method. {@code @Applies} methods of any other type are reported here too.
 */
public final class AggregateReader {

  private static final String INITIAL = "initial";

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final MessageReader messages;

  public AggregateReader(Elements elements, Types types, Reporter reporter, MessageReader messages) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.messages = messages;
  }

  /** Whether {@code type} is @EventSourced or declares @Applies methods (which then need it). */
  public static boolean isCandidate(TypeElement type) {
    return AnnotationValues.find(type, AnnotationValues.EVENT_SOURCED).isPresent()
        || !appliesMethods(type).isEmpty();
  }

  /** Reads the aggregate; every problem of the type and of each method is reported before returning empty. */
  public Optional<AggregateModel> read(TypeElement type) {
    Optional<AnnotationMirror> eventSourced = AnnotationValues.find(type, AnnotationValues.EVENT_SOURCED);
    if (eventSourced.isEmpty()) {
      for (ExecutableElement method : appliesMethods(type)) {
        reporter.report(Problem.APPLIES_OUTSIDE_AGGREGATE, method, display(method), type.getQualifiedName());
      }
      return Optional.empty();
    }
    if (!shape(type)) {
      return Optional.empty();
    }
    AnnotationValue categoryValue = AnnotationValues.value(elements, eventSourced.get(), "category");
    String category = String.valueOf(categoryValue.getValue());
    boolean ok = true;
    if (!category.isEmpty() && !Names.isValidWireName(category)) {
      reporter.report(Problem.INVALID_CATEGORY, type, eventSourced.get(), categoryValue, Names.visible(category));
      ok = false;
    }
    ok &= initialFactory(type);
    boolean record = type.getKind() == ElementKind.RECORD;
    List<ApplierModel> appliers = new ArrayList<>();
    Map<String, ApplierModel> byEvent = new HashMap<>();
    List<ExecutableElement> methods = appliesMethods(type);
    for (ExecutableElement method : methods) {
      Optional<ApplierModel> read = applier(type, method, record);
      ok &= read.isPresent();
      if (read.isEmpty()) {
        continue;
      }
      ApplierModel first = byEvent.putIfAbsent(read.get().event().wireName(), read.get());
      if (first != null) {
        reporter.report(Problem.EVENT_APPLIED_TWICE, method, read.get().event().type().simpleName(),
            type.getSimpleName(), first.name(), read.get().name());
        ok = false;
        continue;
      }
      appliers.add(read.get());
    }
    if (methods.isEmpty()) {
      reporter.report(Problem.AGGREGATE_WITHOUT_APPLIERS, type, type.getQualifiedName());
      ok = false;
    }
    if (!ok) {
      return Optional.empty();
    }
    ClassName className = ClassName.get(type);
    return Optional.of(new AggregateModel(className, Names.aggregateType(className), category, record, appliers,
        type));
  }

  private boolean shape(TypeElement type) {
    String problem = TypeShape.problem(type, Set.of(ElementKind.CLASS, ElementKind.RECORD), "a record or class");
    if (problem != null) {
      reporter.report(Problem.AGGREGATE_SHAPE, type, type.getQualifiedName(), problem);
      return false;
    }
    return true;
  }


  private boolean initialFactory(TypeElement type) {
    List<ExecutableElement> candidates = new ArrayList<>();
    for (Element enclosed : type.getEnclosedElements()) {
      if (enclosed.getKind() == ElementKind.METHOD && enclosed.getSimpleName().contentEquals(INITIAL)) {
        candidates.add((ExecutableElement) enclosed);
      }
    }
    String simpleName = type.getSimpleName().toString();
    if (candidates.isEmpty()) {
      reporter.report(Problem.AGGREGATE_WITHOUT_INITIAL, type, type.getQualifiedName(), simpleName);
      return false;
    }
    // With overloads, judge the one meant as the factory: the one taking a single String, if any.
    ExecutableElement factory = candidates.stream().filter(this::takesOneString).findFirst()
        .orElse(candidates.get(0));
    String problem = null;
    if (!factory.getModifiers().contains(Modifier.STATIC)) {
      problem = "is not static";
    } else if (factory.getModifiers().contains(Modifier.PRIVATE)) {
      problem = "is private";
    } else if (!takesOneString(factory)) {
      problem = "takes (" + parameterTypes(factory) + ") instead of (String id)";
    } else if (!types.isSameType(factory.getReturnType(), type.asType())) {
      problem = "returns " + factory.getReturnType() + " instead of " + simpleName;
    }
    if (problem != null) {
      reporter.report(Problem.INITIAL_SHAPE, factory, simpleName + "." + INITIAL + "(...)", problem, simpleName);
      return false;
    }
    return true;
  }

  private Optional<ApplierModel> applier(TypeElement aggregate, ExecutableElement method, boolean record) {
    String display = display(method);
    boolean ok = true;
    if (method.getModifiers().contains(Modifier.PRIVATE) || method.getModifiers().contains(Modifier.STATIC)) {
      reporter.report(Problem.APPLIER_PRIVATE_OR_STATIC, method, display,
          method.getModifiers().contains(Modifier.PRIVATE) ? "private" : "static");
      ok = false;
    }
    Optional<Boolean> returnsState = returnsState(aggregate, method, record, display);
    ok &= returnsState.isPresent();
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.size() != 1) {
      reporter.report(Problem.APPLIER_PARAMETERS, parameters.size() > 1 ? parameters.get(1) : method, display,
          parameters.size());
      return Optional.empty();
    }
    VariableElement parameter = parameters.get(0);
    TypeMirror eventType = parameter.asType();
    if (!isEventRecordCandidate(eventType)) {
      reporter.report(Problem.APPLIER_PARAMETER_NOT_AN_EVENT, parameter, display, eventType);
      return Optional.empty();
    }
    Optional<MessageModel> event = reporter.whileReadingFor(parameter,
        () -> messages.read((TypeElement) ((DeclaredType) eventType).asElement()));
    if (event.isEmpty()) {
      // The event type's own problem is reported on the type.
      return Optional.empty();
    }
    if (event.get().kind() != MessageModel.Kind.EVENT) {
      reporter.report(Problem.APPLIER_PARAMETER_NOT_AN_EVENT, parameter, display, eventType);
      return Optional.empty();
    }
    if (!event.get().inCompilation() && elements.getTypeElement(event.get().codec().canonicalName()) == null) {
      reporter.report(Problem.MESSAGE_WITHOUT_CODEC, parameter, event.get().type().canonicalName(),
          event.get().codec().canonicalName(), event.get().type().canonicalName());
      return Optional.empty();
    }
    return ok ? Optional.of(new ApplierModel(method.getSimpleName().toString(), event.get(), returnsState.get(),
        method)) : Optional.empty();
  }

  /** True when it returns the aggregate's type, false for void in a class; empty after a report. */
  private Optional<Boolean> returnsState(TypeElement aggregate, ExecutableElement method, boolean record,
      String display) {
    TypeMirror returned = method.getReturnType();
    if (types.isSameType(returned, aggregate.asType())) {
      return Optional.of(true);
    }
    if (returned.getKind() == TypeKind.VOID && !record) {
      return Optional.of(false);
    }
    String why = record ? "; a record cannot change in place" : ", or void to change the object in place";
    reporter.report(Problem.APPLIER_RETURN, method, display, returned, aggregate.getSimpleName(), why);
    return Optional.empty();
  }

  /** A declared message type that is not an interface grouping messages. */
  private boolean isEventRecordCandidate(TypeMirror type) {
    return messages.isMessage(type) && ((DeclaredType) type).asElement().getKind() != ElementKind.INTERFACE;
  }

  private boolean takesOneString(ExecutableElement method) {
    return method.getParameters().size() == 1 && types.isSameType(method.getParameters().get(0).asType(),
        elements.getTypeElement("java.lang.String").asType());
  }

  private static String parameterTypes(ExecutableElement method) {
    return String.join(", ", method.getParameters().stream().map(p -> p.asType().toString()).toList());
  }

  private static String display(ExecutableElement method) {
    return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "(...)";
  }

  static List<ExecutableElement> appliesMethods(TypeElement type) {
    List<ExecutableElement> methods = new ArrayList<>();
    for (Element enclosed : type.getEnclosedElements()) {
      if (enclosed.getKind() == ElementKind.METHOD
          && AnnotationValues.find(enclosed, AnnotationValues.APPLIES).isPresent()) {
        methods.add((ExecutableElement) enclosed);
      }
    }
    return methods;
  }
}
