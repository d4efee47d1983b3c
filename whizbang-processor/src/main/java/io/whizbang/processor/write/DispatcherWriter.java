package io.whizbang.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.whizbang.processor.model.HandlerClassModel;
import io.whizbang.processor.model.HandlerMethodModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Handlers>_Dispatcher}: a {@code switch} on the wire name that decodes the payload with the
 * message's generated codec (at the envelope's version) and calls the handler method directly.
 */
public final class DispatcherWriter {

  private final GeneratedTypes generatedTypes;

  public DispatcherWriter(GeneratedTypes generatedTypes) {
    this.generatedTypes = generatedTypes;
  }

  public JavaFile write(HandlerClassModel handler) {
    boolean projection = handler.projection().isPresent();
    TypeSpec.Builder type = generatedTypes.publicFinalClass(handler.dispatcher(), origins(handler))
        .addJavadoc("Dispatches messages to {@link $T}: decodes each payload with the message's generated codec\n"
            + "and calls the handler method directly.\n", handler.type())
        .addSuperinterface(projection ? RuntimeTypes.PROJECTION_DISPATCHER : RuntimeTypes.MESSAGE_DISPATCHER);

    CodeBlock wireNames = handler.methods().stream()
        .map(method -> CodeBlock.of("$S", method.message().wireName()))
        .collect(CodeBlock.joining(", "));
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(Set.class, String.class), "WIRE_NAMES",
        Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).initializer("$T.of($L)", Set.class, wireNames).build());
    type.addField(handler.type(), "handlers", Modifier.PRIVATE, Modifier.FINAL);
    type.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addParameter(handler.type(), "handlers")
        .addStatement("this.handlers = $T.requireNonNull(handlers, $S)", Objects.class, "handlers")
        .build());
    type.addMethod(MethodSpec.methodBuilder("handlerName")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $S", handler.type().canonicalName())
        .build());
    handler.projection().ifPresent(p -> type
        .addMethod(MethodSpec.methodBuilder("projectionName")
            .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(String.class)
            .addStatement("return $S", p.name()).build())
        .addMethod(MethodSpec.methodBuilder("sourceDomain")
            .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(String.class)
            .addStatement("return $S", p.source()).build()));
    type.addMethod(MethodSpec.methodBuilder("wireNames")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(Set.class, String.class))
        .addStatement("return WIRE_NAMES")
        .build());
    type.addMethod(dispatch(handler));
    return GeneratedTypes.file(handler.dispatcher(), type.build());
  }

  /** The handler class and the message types whose wire names and codecs the dispatcher names. */
  private static List<Element> origins(HandlerClassModel handler) {
    List<Element> origins = new ArrayList<>();
    origins.add(handler.origin());
    handler.methods().forEach(method -> origins.add(method.message().origin()));
    return origins;
  }

  private MethodSpec dispatch(HandlerClassModel handler) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("dispatch")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(RuntimeTypes.ENVELOPE, "envelope")
        .addParameter(RuntimeTypes.HANDLER_CONTEXT, "context")
        .addException(Exception.class)
        .beginControlFlow("switch (envelope.wireName())");
    for (HandlerMethodModel handles : handler.methods()) {
      // Through the envelope's version header: an older version is upcast, an unknown one refused.
      CodeBlock decode = CodeBlock.of("$T.decode($T.INSTANCE, envelope)", RuntimeTypes.MESSAGE_VERSIONS,
          handles.message().codec());
      method.addStatement("case $S -> handlers.$N($L$L)", handles.message().wireName(), handles.name(), decode,
          handles.withContext() ? ", context" : "");
    }
    return method
        .addStatement("default -> throw new $T($S + envelope.wireName() + $S + WIRE_NAMES)",
            RuntimeTypes.UNKNOWN_MESSAGE_TYPE, handler.type().simpleName() + " does not handle '",
            "'; it handles ")
        .endControlFlow()
        .build();
  }
}
