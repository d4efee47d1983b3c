package io.whizbang.processor.read;

import com.palantir.javapoet.ClassName;
import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import io.whizbang.processor.model.HandlerClassModel;
import io.whizbang.processor.model.HandlerMethodModel;
import io.whizbang.processor.model.MessageModel;
import io.whizbang.processor.model.Names;
import java.util.ArrayList;
import java.util.List;
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

/** Reads handler and projection classes: the class's shape, each {@code @Handles} method's shape and message. */
public final class HandlerReader {

  private final Elements elements;
  private final Reporter reporter;
  private final MessageReader messages;

  public HandlerReader(Elements elements, Reporter reporter, MessageReader messages) {
    this.elements = elements;
    this.reporter = reporter;
    this.messages = messages;
  }

  /** Whether {@code type} declares @Handles methods or is a @Projection. */
  public static boolean isCandidate(TypeElement type) {
    return AnnotationValues.find(type, AnnotationValues.PROJECTION).isPresent() || !handlesMethods(type).isEmpty();
  }

  /** Reads the class; every problem of the class and of each method is reported before returning empty. */
  public Optional<HandlerClassModel> read(TypeElement type) {
    boolean ok = classShape(type);
    Optional<HandlerClassModel.ProjectionModel> projection = Optional.empty();
    Optional<AnnotationMirror> projectionMirror = AnnotationValues.find(type, AnnotationValues.PROJECTION);
    if (projectionMirror.isPresent()) {
      Optional<HandlerClassModel.ProjectionModel> read = projection(type, projectionMirror.get());
      ok &= read.isPresent();
      projection = read;
    }
    if (!ok) {
      return Optional.empty();
    }
    List<HandlerMethodModel> methods = new ArrayList<>();
    boolean methodsOk = true;
    for (ExecutableElement method : handlesMethods(type)) {
      Optional<HandlerMethodModel> read = method(method);
      read.ifPresent(methods::add);
      methodsOk &= read.isPresent();
    }
    if (projection.isPresent() && methods.isEmpty() && methodsOk) {
      reporter.report(Problem.PROJECTION_WITHOUT_HANDLERS, type, type.getQualifiedName(),
          projection.get().source());
    }
    // A method with a problem was reported; the class keeps its valid methods, so that the whole-compilation
    // checks still judge them and one build shows every error (nothing is generated after an error).
    ClassName className = ClassName.get(type);
    return Optional.of(new HandlerClassModel(className, Names.dispatcher(className), methods, projection,
        isPublic(type), type));
  }

  private boolean classShape(TypeElement type) {
    String problem = TypeShape.problem(type, Set.of(ElementKind.CLASS), "a class");
    if (problem != null) {
      reporter.report(Problem.HANDLER_CLASS_SHAPE, type, type.getQualifiedName(), problem);
      return false;
    }
    return true;
  }


  private Optional<HandlerClassModel.ProjectionModel> projection(TypeElement type, AnnotationMirror mirror) {
    AnnotationValue name = AnnotationValues.value(elements, mirror, "name");
    AnnotationValue source = AnnotationValues.value(elements, mirror, "source");
    boolean ok = true;
    if (!Names.isValidDomain(String.valueOf(name.getValue()))) {
      reporter.report(Problem.INVALID_PROJECTION_NAME, type, mirror, name, name.getValue());
      ok = false;
    }
    if (!Names.isValidDomain(String.valueOf(source.getValue()))) {
      reporter.report(Problem.INVALID_DOMAIN, type, mirror, source, source.getValue());
      ok = false;
    }
    return ok ? Optional.of(new HandlerClassModel.ProjectionModel(String.valueOf(name.getValue()),
        String.valueOf(source.getValue()))) : Optional.empty();
  }

  private Optional<HandlerMethodModel> method(ExecutableElement method) {
    String display = method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "(...)";
    boolean ok = true;
    if (method.getModifiers().contains(Modifier.PRIVATE) || method.getModifiers().contains(Modifier.STATIC)) {
      reporter.report(Problem.HANDLER_PRIVATE_OR_STATIC, method, display,
          method.getModifiers().contains(Modifier.PRIVATE) ? "private" : "static");
      ok = false;
    }
    if (method.getReturnType().getKind() != TypeKind.VOID) {
      reporter.report(Problem.HANDLER_NOT_VOID, method, display, method.getReturnType());
      ok = false;
    }
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.isEmpty()) {
      reporter.report(Problem.HANDLER_WITHOUT_MESSAGE, method, display);
      return Optional.empty();
    }
    if (parameters.size() > 2) {
      reporter.report(Problem.HANDLER_TOO_MANY_PARAMETERS, parameters.get(2), display, parameters.size());
      return Optional.empty();
    }
    boolean withContext = parameters.size() == 2;
    if (withContext && !isHandlerContext(parameters.get(1).asType())) {
      reporter.report(Problem.HANDLER_WRONG_SECOND_PARAMETER, parameters.get(1), display,
          parameters.get(1).asType());
      ok = false;
    }
    VariableElement messageParameter = parameters.get(0);
    TypeMirror messageType = messageParameter.asType();
    if (!messages.isMessage(messageType)
        || ((DeclaredType) messageType).asElement().getKind() == ElementKind.INTERFACE) {
      // Event itself, or a sealed interface grouping events, is no record with a wire name of its own.
      reporter.report(Problem.HANDLER_PARAMETER_NOT_A_MESSAGE, messageParameter, display, messageType);
      return Optional.empty();
    }
    Optional<MessageModel> message = reporter.whileReadingFor(messageParameter,
        () -> messages.read((TypeElement) ((DeclaredType) messageType).asElement()));
    if (message.isEmpty()) {
      // The message type's own problem is reported on the type.
      return Optional.empty();
    }
    if (!message.get().inCompilation() && elements.getTypeElement(message.get().codec().canonicalName()) == null) {
      reporter.report(Problem.MESSAGE_WITHOUT_CODEC, messageParameter, message.get().type().canonicalName(),
          message.get().codec().canonicalName(), message.get().type().canonicalName());
      return Optional.empty();
    }
    return ok ? Optional.of(new HandlerMethodModel(method.getSimpleName().toString(), message.get(), withContext,
        method)) : Optional.empty();
  }

  private static boolean isHandlerContext(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED && ((TypeElement) ((DeclaredType) type).asElement())
        .getQualifiedName().contentEquals(AnnotationValues.HANDLER_CONTEXT);
  }

  static List<ExecutableElement> handlesMethods(TypeElement type) {
    List<ExecutableElement> methods = new ArrayList<>();
    for (Element enclosed : type.getEnclosedElements()) {
      if (enclosed.getKind() == ElementKind.METHOD
          && AnnotationValues.find(enclosed, AnnotationValues.HANDLES).isPresent()) {
        methods.add((ExecutableElement) enclosed);
      }
    }
    return methods;
  }

  private static boolean isPublic(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }
}
