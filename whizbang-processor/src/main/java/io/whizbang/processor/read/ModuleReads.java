package io.whizbang.processor.read;

import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.util.Elements;

/** What the module of this compilation can read, for generated code that names JDK types outside java.base. */
public final class ModuleReads {

  private static final String GENERATED = "javax.annotation.processing.Generated";

  private ModuleReads() {}

  /**
   * Whether code of the module declaring {@code element} can use {@code javax.annotation.processing.Generated}:
   * always on the class path (the unnamed module reads every module), in a named module only when it requires
   * {@code java.compiler}, directly or through {@code requires transitive} (for example {@code java.se}).
   *
   * <p>Asks for the type as seen from the module rather than walking the module's directives: on JDK 17, reading
   * the directives makes javac reject a {@code provides ... with} naming a class generated later (JDK-8305225).
   */
  public static boolean readsJavaCompiler(Elements elements, Element element) {
    ModuleElement module = elements.getModuleOf(element);
    return module == null || module.isUnnamed() || elements.getTypeElement(module, GENERATED) != null;
  }
}
