package io.whizbang.processor.read;

import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/**
 * Whether a type can be instantiated and called by generated code in its package: the check shared by handler
 * classes and aggregate state types, each of which reports the result under its own diagnostic.
 */
final class TypeShape {
  private TypeShape() {}

  /**
   * What is wrong with {@code type}, for example {@code "abstract"} or {@code "an interface, not a class"}, or
   * null when it is a non-private, non-abstract, non-generic, top-level or static nested type of an allowed kind.
   */
  static String problem(TypeElement type, Set<ElementKind> allowedKinds, String allowedDescription) {
    if (!allowedKinds.contains(type.getKind())) {
      String kind = type.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
      return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind + ", not " + allowedDescription;
    }
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
      return "local or anonymous";
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
      return "an inner (non-static) class";
    }
    if (!RecordReader.accessible(type)) {
      return "private";
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      return "abstract";
    }
    if (!type.getTypeParameters().isEmpty()) {
      return "generic";
    }
    return null;
  }
}
