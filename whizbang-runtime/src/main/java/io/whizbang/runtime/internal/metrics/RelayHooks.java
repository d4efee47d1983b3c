package io.whizbang.runtime.internal.metrics;

import io.whizbang.runtime.relay.Relay;
import java.util.function.BiConsumer;

/**
 * Hands a {@link PublishTimer} to a {@link Relay} without a public method on it: {@code Relay} is exported, this
 * package is not. {@code Relay} registers the setter when its class is initialized, which any instance has caused
 * already (the pattern of {@code StorageInternals}).
 */
public final class RelayHooks {

  private static volatile BiConsumer<Relay, PublishTimer> publishTimer;

  private RelayHooks() {}

  /** Called once, by {@code Relay}'s static initializer. */
  public static void register(BiConsumer<Relay, PublishTimer> setter) {
    publishTimer = setter;
  }

  /** Makes {@code relay} report each confirmed row to {@code timer}; call it before the relay starts. */
  public static void publishTimer(Relay relay, PublishTimer timer) {
    BiConsumer<Relay, PublishTimer> setter = publishTimer;
    if (setter == null) {
      throw new IllegalStateException("Relay's hooks are not registered");
    }
    setter.accept(relay, timer);
  }
}
