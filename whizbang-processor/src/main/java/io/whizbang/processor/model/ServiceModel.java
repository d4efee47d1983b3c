package io.whizbang.processor.model;

import java.util.List;
import javax.lang.model.element.Element;

/** The {@code @WhizbangService} of the compilation: its name, owned domains and package. */
public record ServiceModel(String name, List<String> owns, String packageName, Element origin) {
  public ServiceModel {
    owns = List.copyOf(owns);
  }
}
