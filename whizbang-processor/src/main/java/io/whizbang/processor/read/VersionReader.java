package io.whizbang.processor.read;

import com.palantir.javapoet.ClassName;
import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import io.whizbang.processor.model.MessageModel;
import io.whizbang.processor.model.Names;
import io.whizbang.processor.model.VersionChain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads message versions and their upcasters: {@code @MessageVersion} on messages and on the records that keep
 * their older shapes, and the {@code @Upcasts} methods that chain them. Each message of version {@code n > 1} is
 * walked back from itself: the record of each version declares the one upcaster that makes it from the previous
 * version, whose parameter is that previous version's record. The walk starts at the message, so a build that
 * recompiles only the message still finds the whole chain.
 */
public final class VersionReader {

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final RecordReader records;
  private final MessageReader messageReader;

  public VersionReader(Elements elements, Types types, Reporter reporter, RecordReader records,
      MessageReader messageReader) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.records = records;
    this.messageReader = messageReader;
  }

  /** The chain of every message of version 2 or later, by message type; problems are reported on the way. */
  public Map<ClassName, VersionChain> read(List<MessageModel> compiled, Set<String> compiledTypes) {
    Map<String, MessageModel> messages = new HashMap<>();
    compiled.forEach(m -> messages.put(m.type().canonicalName(), m));
    Map<String, TypeElement> olderVersions = new HashMap<>();
    Set<String> invalid = new TreeSet<>();
    List<ExecutableElement> upcasters = new ArrayList<>();
    for (String name : new TreeSet<>(compiledTypes)) {
      TypeElement type = elements.getTypeElement(name);
      if (type == null) {
        continue;
      }
      upcasters.addAll(upcastsMethods(type));
      AnnotationValues.find(type, AnnotationValues.MESSAGE_VERSION).ifPresent(mirror -> {
        if (!checkVersion(type, mirror, messages, olderVersions, invalid)) {
          invalid.add(name);
        }
      });
    }
    Map<ClassName, VersionChain> chains = new LinkedHashMap<>();
    for (MessageModel message : compiled) {
      if (message.version() > 1 && !invalid.contains(message.type().canonicalName())) {
        walk(message, olderVersions, compiledTypes).ifPresent(chain -> chains.put(message.type(), chain));
      }
    }
    for (ExecutableElement method : upcasters) {
      TypeElement holder = (TypeElement) method.getEnclosingElement();
      if (AnnotationValues.find(holder, AnnotationValues.MESSAGE_VERSION).isEmpty()
          || AnnotationValues.version(elements, holder) < 2) {
        reporter.report(Problem.UPCASTER_SHAPE, method, display(method), "is declared in "
            + method.getEnclosingElement().getSimpleName() + ", which is not version 2 or later of a message");
      }
    }
    return chains;
  }

  /**
   * Checks one {@code @MessageVersion}; an older version's record is registered by message and version. Adds to
   * {@code invalid} what must not be walked.
   */
  private boolean checkVersion(TypeElement type, AnnotationMirror mirror, Map<String, MessageModel> messages,
      Map<String, TypeElement> olderVersions, Set<String> invalid) {
    AnnotationValue value = AnnotationValues.value(elements, mirror, "value");
    AnnotationValue ofValue = AnnotationValues.value(elements, mirror, "of");
    if (!(value.getValue() instanceof Integer version) || !(ofValue.getValue() instanceof TypeMirror of)) {
      return false; // erroneous: javac reports it
    }
    String display = type.getQualifiedName().toString();
    if (version < 1) {
      reporter.report(Problem.VERSION_INVALID, type, mirror, value, display, "version " + version
          + " is below 1");
      return false;
    }
    boolean isMessage = messageReader.isMessage(type.asType());
    if (of.getKind() == TypeKind.VOID) {
      if (!isMessage) {
        reporter.report(Problem.VERSION_INVALID, type, mirror, null, display, "it is not a message, and 'of' does "
            + "not name the message it keeps an older version of");
        return false;
      }
      return true;
    }
    if (isMessage) {
      reporter.report(Problem.VERSION_INVALID, type, mirror, ofValue, display, "it is a message itself; 'of' "
          + "belongs on a record that keeps an older version of a message");
      return false;
    }
    TypeElement ofType = (TypeElement) types.asElement(of);
    MessageModel message = ofType == null ? null : messages.get(ofType.getQualifiedName().toString());
    String problem = null;
    if (type.getKind() != ElementKind.RECORD) {
      problem = "it is not a record";
    } else if (message == null) {
      problem = of + " is not a message type of this compilation";
    } else if (version >= message.version()) {
      problem = "version " + version + " is not older than the version of " + of + " (" + message.version() + ")";
    } else if (!type.getModifiers().contains(Modifier.PUBLIC)
        && !packageOf(type).equals(message.type().packageName())) {
      problem = "it is not public, and the codec of " + of + " in package " + message.type().packageName()
          + " reads it";
    }
    if (problem != null) {
      reporter.report(Problem.VERSION_INVALID, type, mirror, problem.startsWith("version") ? value : ofValue,
          display, problem);
      return false;
    }
    String key = message.type().canonicalName() + "#" + version;
    TypeElement first = olderVersions.putIfAbsent(key, type);
    if (first != null) {
      reporter.report(Problem.VERSION_DECLARED_TWICE, type, type.getQualifiedName(), first.getQualifiedName(),
          version, message.type().canonicalName());
      // Its chain is ambiguous: walking it would only add a follow-up error.
      invalid.add(message.type().canonicalName());
      return false;
    }
    return true;
  }

  /** Walks from the message back to version 1; empty after a report. */
  private Optional<VersionChain> walk(MessageModel message, Map<String, TypeElement> olderVersions,
      Set<String> compiledTypes) {
    List<VersionChain.OldVersion> older = new ArrayList<>();
    TypeElement current = message.origin();
    String messageName = message.type().canonicalName();
    boolean ok = true;
    for (int version = message.version(); version > 1; version--) {
      List<ExecutableElement> methods = upcastsMethods(current);
      if (methods.isEmpty()) {
        reporter.report(Problem.VERSION_WITHOUT_UPCASTER, current, current.getQualifiedName(), version,
            messageName, version - 1, current.getSimpleName(), version - 1, current.getSimpleName());
        return Optional.empty();
      }
      if (methods.size() > 1) {
        reporter.report(Problem.UPCASTERS_TWICE, methods.get(1), current.getQualifiedName(),
            display(methods.get(0)), display(methods.get(1)));
        return Optional.empty();
      }
      ExecutableElement method = methods.get(0);
      if (!shapeOk(method, message)) {
        return Optional.empty();
      }
      if (!types.isSameType(types.erasure(method.getReturnType()), types.erasure(current.asType()))) {
        reporter.report(Problem.UPCASTER_RETURN, method, display(method), method.getReturnType(),
            current.getSimpleName(), current.getSimpleName());
        ok = false;
      }
      TypeMirror parameter = method.getParameters().get(0).asType();
      TypeElement previous = olderVersions.getOrDefault(messageName + "#" + (version - 1),
          fromAnEarlierBuild(parameter, message, version - 1, compiledTypes));
      if (previous == null || !types.isSameType(types.erasure(parameter), types.erasure(previous.asType()))) {
        reporter.report(Problem.UPCASTER_PARAMETER, method.getParameters().get(0), display(method), parameter,
            version - 1, messageName, version - 1, version - 1, message.type().simpleName());
        return Optional.empty();
      }
      if (!ok) {
        return Optional.empty();
      }
      older.add(0, new VersionChain.OldVersion(version - 1, ClassName.get(previous),
          Names.codec(ClassName.get(previous)), new VersionChain.Upcaster(ClassName.get(current),
              method.getSimpleName().toString())));
      current = previous;
    }
    // Each older record gets a codec of its own, which the message's codec reads it with; one of an earlier build
    // that is not recompiled keeps the codec that build generated.
    for (VersionChain.OldVersion version : older) {
      boolean earlierBuild = !compiledTypes.contains(version.record().canonicalName())
          && elements.getTypeElement(version.codec().canonicalName()) != null;
      if (!earlierBuild && records.read(elements.getTypeElement(version.record().canonicalName())).isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(new VersionChain(message.type(), message.version(), older));
  }

  /**
   * The parameter's record when it is version {@code version} of the message but not compiled now (a build that
   * recompiles only the message finds the older records on the class path); null otherwise.
   */
  private TypeElement fromAnEarlierBuild(TypeMirror parameter, MessageModel message, int version,
      Set<String> compiledTypes) {
    if (parameter.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement type = (TypeElement) types.asElement(parameter);
    if (compiledTypes.contains(type.getQualifiedName().toString())) {
      return null; // compiled now: registered above when its @MessageVersion is valid
    }
    Optional<AnnotationMirror> mirror = AnnotationValues.find(type, AnnotationValues.MESSAGE_VERSION);
    if (mirror.isEmpty() || AnnotationValues.version(elements, type) != version
        || !(AnnotationValues.value(elements, mirror.get(), "of").getValue() instanceof TypeMirror of)) {
      return null;
    }
    return of.getKind() == TypeKind.DECLARED
        && ((TypeElement) types.asElement(of)).getQualifiedName().contentEquals(message.type().canonicalName())
        ? type : null;
  }

  private boolean shapeOk(ExecutableElement method, MessageModel message) {
    String problem = null;
    Set<Modifier> modifiers = method.getModifiers();
    if (!modifiers.contains(Modifier.STATIC)) {
      problem = "is not static: the generated codec calls it without an instance";
    } else if (modifiers.contains(Modifier.PRIVATE)) {
      problem = "is private: the generated codec of " + message.type().simpleName() + " calls it";
    } else if (method.getParameters().size() != 1) {
      problem = "has " + method.getParameters().size() + " parameters: it takes the previous version only";
    } else if (!modifiers.contains(Modifier.PUBLIC)
        && !packageOf((TypeElement) method.getEnclosingElement()).equals(message.type().packageName())) {
      problem = "is not public, and the codec of " + message.type().simpleName() + " in package "
          + message.type().packageName() + " calls it";
    }
    if (problem != null) {
      reporter.report(Problem.UPCASTER_SHAPE, method, display(method), problem);
      return false;
    }
    return true;
  }

  private String packageOf(TypeElement type) {
    return elements.getPackageOf(type).getQualifiedName().toString();
  }

  private static List<ExecutableElement> upcastsMethods(TypeElement type) {
    return ElementFilter.methodsIn(type.getEnclosedElements()).stream()
        .filter(method -> AnnotationValues.find(method, AnnotationValues.UPCASTS).isPresent())
        .toList();
  }

  private static String display(ExecutableElement method) {
    return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "(...)";
  }
}
