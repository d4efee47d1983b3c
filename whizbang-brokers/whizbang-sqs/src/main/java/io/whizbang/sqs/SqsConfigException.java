package io.whizbang.sqs;

import io.whizbang.runtime.WhizbangConfigurationException;

/** An {@link SqsConfig} value is missing or out of range; the message names the setting and what is allowed. */
public final class SqsConfigException extends WhizbangConfigurationException {
  public SqsConfigException(String message) {
    super(message);
  }
}
