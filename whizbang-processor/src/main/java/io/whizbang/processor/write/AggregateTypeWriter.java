package io.whizbang.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.whizbang.processor.model.AggregateModel;
import io.whizbang.processor.model.ApplierModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <State>_AggregateType}: the stream category, the initial state from the state's
 * {@code initial(id)}, and {@code apply} as an {@code instanceof} chain calling each applier directly.
 */
public final class AggregateTypeWriter {

  private final GeneratedTypes generatedTypes;

  public AggregateTypeWriter(GeneratedTypes generatedTypes) {
    this.generatedTypes = generatedTypes;
  }

  public JavaFile write(AggregateModel aggregate) {
    TypeName eventTypeList = ParameterizedTypeName.get(ClassNames.LIST,
        ParameterizedTypeName.get(RuntimeTypes.MESSAGE_TYPE, WildcardTypeName.subtypeOf(RuntimeTypes.EVENT)));
    TypeSpec.Builder type = generatedTypes.publicFinalClass(aggregate.aggregateType(), origins(aggregate))
        .addJavadoc("Rebuilds {@link $T} from its stream ({@code $L-<id>}): each event is passed to its\n"
            + "{@code @Applies} method by a plain call. Pass it to an {@code AggregateRepository}.\n",
            aggregate.type(), aggregate.category())
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.AGGREGATE_TYPE, aggregate.type()));

    CodeBlock.Builder eventTypes = CodeBlock.builder();
    for (int i = 0; i < aggregate.appliers().size(); i++) {
      eventTypes.add(i == 0 ? "\n" : ",\n").add(MessageTypeExpressions.of(aggregate.appliers().get(i).event()));
    }
    type.addField(FieldSpec.builder(eventTypeList, "EVENT_TYPES", Modifier.PRIVATE, Modifier.STATIC,
            Modifier.FINAL)
        .initializer(CodeBlock.builder().add("$T.of(", ClassNames.LIST).indent().indent().add(eventTypes.build())
            .unindent().unindent().add(")").build())
        .build());

    type.addMethod(MethodSpec.methodBuilder("category").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(String.class).addStatement("return $S", aggregate.category()).build());
    type.addMethod(MethodSpec.methodBuilder("initial").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(aggregate.type()).addParameter(String.class, "id")
        .addStatement("return $T.initial(id)", aggregate.type()).build());
    type.addMethod(apply(aggregate));
    type.addMethod(MethodSpec.methodBuilder("eventTypes").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(eventTypeList).addStatement("return EVENT_TYPES").build());
    return GeneratedTypes.file(aggregate.aggregateType(), type.build());
  }

  /** The state type and the events whose types and codecs the aggregate type names. */
  private static List<Element> origins(AggregateModel aggregate) {
    List<Element> origins = new ArrayList<>();
    origins.add(aggregate.origin());
    aggregate.appliers().forEach(applier -> origins.add(applier.event().origin()));
    return origins;
  }

  private MethodSpec apply(AggregateModel aggregate) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("apply")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(aggregate.type())
        .addParameter(aggregate.type(), "state")
        .addParameter(RuntimeTypes.EVENT, "event");
    for (ApplierModel applier : aggregate.appliers()) {
      method.beginControlFlow("if (event instanceof $T e)", applier.event().type());
      if (applier.returnsState()) {
        method.addStatement("return state.$N(e)", applier.name());
      } else {
        method.addStatement("state.$N(e)", applier.name()).addStatement("return state");
      }
      method.endControlFlow();
    }
    return method
        .addStatement("throw new $T($S + event.getClass().getName())", IllegalArgumentException.class,
            aggregate.type().simpleName() + " has no @Applies method for ")
        .build();
  }
}
