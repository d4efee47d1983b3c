package io.whizbang.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.whizbang.processor.model.HandlerClassModel;
import io.whizbang.processor.model.ModuleModel;
import io.whizbang.processor.model.Names;
import com.palantir.javapoet.NameAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code WhizbangModule_<Name>}: the compilation's message types as plain calls, and a typed
 * {@code handlers(...)} factory that takes one instance per handler class, so a missing one does not compile.
 */
public final class ModuleWriter {

  private final GeneratedTypes generatedTypes;

  public ModuleWriter(GeneratedTypes generatedTypes) {
    this.generatedTypes = generatedTypes;
  }

  public JavaFile write(ModuleModel module) {
    TypeName messageTypeList = ParameterizedTypeName.get(ClassNames.LIST,
        ParameterizedTypeName.get(RuntimeTypes.MESSAGE_TYPE, WildcardTypeName.subtypeOf(Object.class)));
    TypeName stringList = ParameterizedTypeName.get(ClassNames.LIST, ClassNames.STRING);

    TypeSpec.Builder type = generatedTypes.publicFinalClass(module.type(), module.origins())
        .addJavadoc("The message types and handlers of {@code $L}. Found by {@link java.util.ServiceLoader}\nor "
            + "passed to the builder explicitly; bind handler instances with {@link #handlers}.\n", module.name())
        .addSuperinterface(RuntimeTypes.WHIZBANG_MODULE);

    CodeBlock.Builder messageTypes = CodeBlock.builder();
    for (int i = 0; i < module.messages().size(); i++) {
      messageTypes.add(i == 0 ? "\n" : ",\n").add(MessageTypeExpressions.of(module.messages().get(i)));
    }
    type.addField(FieldSpec.builder(messageTypeList, "MESSAGE_TYPES", Modifier.PRIVATE, Modifier.STATIC,
            Modifier.FINAL)
        .initializer(CodeBlock.builder().add("$T.of(", ClassNames.LIST).indent().indent().add(messageTypes.build())
            .unindent().unindent().add(")").build())
        .build());
    CodeBlock owned = module.ownedDomains().stream().map(d -> CodeBlock.of("$S", d)).collect(CodeBlock.joining(", "));

    type.addMethod(MethodSpec.methodBuilder("name").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(String.class).addStatement("return $S", module.name()).build());
    type.addMethod(MethodSpec.methodBuilder("ownedDomains").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(stringList)
        .addStatement("return $T.of($L)", ClassNames.LIST, owned).build());
    type.addMethod(MethodSpec.methodBuilder("messageTypes").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(messageTypeList).addStatement("return MESSAGE_TYPES").build());
    type.addMethod(handlers(module.handlers()));
    return GeneratedTypes.file(module.type(), type.build());
  }

  private MethodSpec handlers(List<HandlerClassModel> handlers) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("handlers")
        .addJavadoc("Binds one instance of each handler class of this compilation to its generated dispatcher.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(RuntimeTypes.HANDLER_SET);
    CodeBlock.Builder dispatchers = CodeBlock.builder();
    List<String> parameters = parameterNames(handlers);
    for (int i = 0; i < handlers.size(); i++) {
      HandlerClassModel handler = handlers.get(i);
      String parameter = parameters.get(i);
      method.addParameter(handler.type(), parameter);
      dispatchers.add(i == 0 ? "\n" : ",\n").add("new $T($N)", handler.dispatcher(), parameter);
    }
    return method.addStatement("return $T.of($T.of($>$L$<))", RuntimeTypes.HANDLER_SET, ClassNames.LIST,
        dispatchers.build()).build();
  }

  /**
   * One parameter name per handler class: {@code orderHandlers}; classes whose simple names give the same name
   * ({@code orders.Handlers}, {@code billing.Handlers}) are told apart by their package ({@code ordersHandlers},
   * {@code billingHandlers}); the allocator settles what is left (keywords such as {@code default}, equal names).
   */
  private static List<String> parameterNames(List<HandlerClassModel> handlers) {
    Map<String, Long> counts = handlers.stream()
        .collect(Collectors.groupingBy(h -> Names.parameter(h.type()), Collectors.counting()));
    // The factory's body names HandlerSet, List and each dispatcher; a parameter must hide none of them.
    ReservedNames reserved = new ReservedNames().add(RuntimeTypes.HANDLER_SET).add(ClassNames.LIST);
    handlers.forEach(h -> reserved.add(h.type()).add(h.dispatcher()));
    NameAllocator allocator = reserved.allocator();
    List<String> names = new ArrayList<>();
    for (HandlerClassModel handler : handlers) {
      String plain = Names.parameter(handler.type());
      names.add(allocator.newName(counts.get(plain) > 1 ? Names.packageQualifiedParameter(handler.type()) : plain));
    }
    return names;
  }
}
