package io.whizbang.runtime;

import io.whizbang.runtime.consumer.ConsumerFactory;

/**
 * The builder's own seams, which are not public API (their types are not exported), for the tests of other modules
 * (a broker test that wraps each inbox consumer to watch or break what reaches it). Same package as the builder.
 */
public final class BuilderSeams {

  private BuilderSeams() {}

  /** {@code builder.consumers(factory)}: replaces the consumer of each subscription. */
  public static WhizbangBuilder consumers(WhizbangBuilder builder, ConsumerFactory factory) {
    return builder.consumers(factory);
  }
}
