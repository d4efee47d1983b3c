package io.whizbang.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.whizbang.processor.model.RecordModel;
import io.whizbang.processor.model.VersionChain;
import java.io.IOException;
import javax.lang.model.element.Modifier;

/**
 * The two methods a versioned message's codec adds: {@code version()}, the version it writes, and
 * {@code read(in, version)}, a {@code switch} that reads an older version with its record's codec and passes the
 * value through every later version's upcaster, calling each directly.
 */
final class VersionedRead {

  private VersionedRead() {}

  static void add(TypeSpec.Builder codec, RecordModel record, VersionChain chain, String display) {
    codec.addMethod(MethodSpec.methodBuilder("version")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(int.class)
        .addStatement("return $L", chain.current())
        .build());
    CodeBlock.Builder cases = CodeBlock.builder()
        .add("return switch (version) {\n").indent()
        .addStatement("case $L -> read(in)", chain.current());
    for (int i = 0; i < chain.older().size(); i++) {
      VersionChain.OldVersion old = chain.older().get(i);
      CodeBlock value = CodeBlock.of("$T.INSTANCE.read(in)", old.codec());
      for (VersionChain.OldVersion step : chain.older().subList(i, chain.older().size())) {
        value = CodeBlock.of("$T.$N($L)", step.upcaster().declaringType(), step.upcaster().name(), value);
      }
      cases.addStatement("case $L -> $L", old.version(), value);
    }
    cases.addStatement("default -> throw $T.unknown($S, version, $L)", RuntimeTypes.MESSAGE_VERSIONS, display,
        chain.current()).unindent().add("};\n");
    codec.addMethod(MethodSpec.methodBuilder("read")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(record.type())
        .addParameter(RuntimeTypes.JSON_PARSER, "in")
        .addParameter(int.class, "version")
        .addException(IOException.class)
        .addCode(cases.build())
        .build());
  }
}
