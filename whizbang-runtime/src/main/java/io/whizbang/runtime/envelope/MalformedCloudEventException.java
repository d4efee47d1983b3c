package io.whizbang.runtime.envelope;

/**
 * A message that declares itself a CloudEvent (it has a {@code specversion} attribute) but cannot be read as one:
 * a required attribute is missing or ill-formed, or its data is not a JSON object. It is a
 * {@link MalformedEnvelopeException}, so it takes the same way as bytes that are not an envelope: the inbox parks it
 * as a dead letter naming the attribute at fault.
 */
public class MalformedCloudEventException extends MalformedEnvelopeException {
  public MalformedCloudEventException(String message) {
    super(message);
  }

  public MalformedCloudEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
