package io.whizbang.processor.write;

import com.palantir.javapoet.ClassName;

/** JDK types named by generated code. */
final class ClassNames {
  private ClassNames() {}

  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName STRING = ClassName.get("java.lang", "String");
}
