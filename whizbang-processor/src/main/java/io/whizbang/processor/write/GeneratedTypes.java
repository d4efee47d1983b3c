package io.whizbang.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/** What every generated type shares: {@code @Generated}, its originating elements, and the file layout. */
final class GeneratedTypes {

  static final String PROCESSOR = "io.whizbang.processor.WhizbangProcessor";

  private GeneratedTypes() {}

  /** A public final class marked {@code @Generated}, recording the elements it was generated from. */
  static TypeSpec.Builder publicFinalClass(ClassName name, Iterable<? extends Element> origins) {
    TypeSpec.Builder builder = TypeSpec.classBuilder(name)
        .addAnnotation(AnnotationSpec.builder(RuntimeTypes.GENERATED).addMember("value", "$S", PROCESSOR).build())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    for (Element origin : origins) {
      builder.addOriginatingElement(origin);
    }
    return builder;
  }

  static JavaFile file(ClassName name, TypeSpec type) {
    return JavaFile.builder(name.packageName(), type).skipJavaLangImports(true).indent("  ").build();
  }
}
