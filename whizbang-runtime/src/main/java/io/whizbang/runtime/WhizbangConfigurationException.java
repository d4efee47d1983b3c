package io.whizbang.runtime;

import io.whizbang.runtime.core.WhizbangException;

/**
 * The service was wired inconsistently and refuses to start: duplicate wire names, a handler for a message no
 * module declares, a command handled outside its owning domain... The message says how to fix it.
 */
public class WhizbangConfigurationException extends WhizbangException {
  public WhizbangConfigurationException(String message) {
    super(message);
  }
}
