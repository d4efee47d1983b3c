package io.whizbang.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * The one registry generated per compilation.
 *
 * @param name what {@code WhizbangModule.name()} returns
 * @param origins every source element it was derived from (aggregating)
 */
public record ModuleModel(
    ClassName type,
    String name,
    List<String> ownedDomains,
    List<MessageModel> messages,
    List<HandlerClassModel> handlers,
    List<Element> origins) {

  public ModuleModel {
    ownedDomains = List.copyOf(ownedDomains);
    messages = List.copyOf(messages);
    handlers = List.copyOf(handlers);
    origins = List.copyOf(origins);
  }
}
