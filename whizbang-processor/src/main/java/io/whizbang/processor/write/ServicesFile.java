package io.whizbang.processor.write;

import io.whizbang.processor.model.ModuleModel;

/** The {@code META-INF/services} entry that lets {@link java.util.ServiceLoader} find the generated module. */
public final class ServicesFile {

  public static final String PATH = "META-INF/services/io.whizbang.runtime.module.WhizbangModule";

  private ServicesFile() {}

  public static String contents(ModuleModel module) {
    return module.type().canonicalName() + "\n";
  }
}
