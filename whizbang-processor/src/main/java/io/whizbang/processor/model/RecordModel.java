package io.whizbang.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A record that gets a generated JSON codec: a message type or a record one contains.
 *
 * @param origin the source element, only for the Filer's originating-element bookkeeping
 */
public record RecordModel(ClassName type, ClassName codec, List<Component> components, TypeElement origin) {
  public RecordModel {
    components = List.copyOf(components);
  }
}
