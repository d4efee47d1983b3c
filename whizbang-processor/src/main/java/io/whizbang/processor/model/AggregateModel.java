package io.whizbang.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * An {@code @EventSourced} state type and the aggregate type generated for it.
 *
 * @param category the stream category; empty until the validator derived the default from the events' domain
 * @param record whether the state is a record (immutable: every applier returns the next state)
 * @param origin the source element, for diagnostics of whole-compilation checks and the Filer
 */
public record AggregateModel(
    ClassName type,
    ClassName aggregateType,
    String category,
    boolean record,
    List<ApplierModel> appliers,
    TypeElement origin) {

  public AggregateModel {
    appliers = List.copyOf(appliers);
  }

  public AggregateModel withCategory(String resolved) {
    return new AggregateModel(type, aggregateType, resolved, record, appliers, origin);
  }
}
