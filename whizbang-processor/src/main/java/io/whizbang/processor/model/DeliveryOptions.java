package io.whizbang.processor.model;

import java.util.Optional;

/**
 * What a message type declares about its delivery: {@code @Priority} and {@code @TimeToLive}.
 *
 * @param priority 0 (none declared) to 9
 * @param timeToLive the ISO-8601 duration as written, when declared
 */
public record DeliveryOptions(int priority, Optional<String> timeToLive) {

  /** Nothing declared: priority 0, no expiry. */
  public static final DeliveryOptions NONE = new DeliveryOptions(0, Optional.empty());
}
