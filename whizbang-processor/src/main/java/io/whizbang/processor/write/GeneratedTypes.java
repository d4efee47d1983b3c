package io.whizbang.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/** What every generated type shares: {@code @Generated} where it is readable, its originating elements, the layout. */
public final class GeneratedTypes {

  static final String PROCESSOR = "io.whizbang.processor.WhizbangProcessor";

  private final boolean generatedAnnotation;

  /**
   * @param generatedAnnotation whether the compilation can read {@code javax.annotation.processing.Generated}: a
   *     named module reads it only when it requires {@code java.compiler}, and a class annotated with a type its
   *     module cannot read does not compile
   */
  public GeneratedTypes(boolean generatedAnnotation) {
    this.generatedAnnotation = generatedAnnotation;
  }

  /** A public final class, marked {@code @Generated} when readable, recording the elements it was generated from. */
  TypeSpec.Builder publicFinalClass(ClassName name, Iterable<? extends Element> origins) {
    TypeSpec.Builder builder = TypeSpec.classBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    if (generatedAnnotation) {
      builder.addAnnotation(AnnotationSpec.builder(RuntimeTypes.GENERATED).addMember("value", "$S", PROCESSOR)
          .build());
    }
    for (Element origin : origins) {
      builder.addOriginatingElement(origin);
    }
    return builder;
  }

  static JavaFile file(ClassName name, TypeSpec type) {
    return JavaFile.builder(name.packageName(), type).skipJavaLangImports(true).indent("  ").build();
  }
}
