package io.whizbang.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/** A class with {@code @Handles} methods (or a {@code @Projection}) and the dispatcher generated for it. */
public record HandlerClassModel(
    ClassName type,
    ClassName dispatcher,
    List<HandlerMethodModel> methods,
    Optional<ProjectionModel> projection,
    boolean isPublic,
    TypeElement origin) {

  public HandlerClassModel {
    methods = List.copyOf(methods);
  }

  /** @param name the projection's checkpoint name; @param source the domain whose events it folds */
  public record ProjectionModel(String name, String source) {}
}
