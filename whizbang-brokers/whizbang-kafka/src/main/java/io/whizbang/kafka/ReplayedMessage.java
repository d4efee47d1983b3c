package io.whizbang.kafka;

import java.time.Instant;
import java.util.Map;

/**
 * A record read back by a replay, with its position in the topic.
 *
 * @param wireName the wire-name header, or {@code null} for a record written by another producer
 * @param partitionKey the record key, or {@code null}
 * @param headers the record headers as UTF-8 strings (the last value of a repeated header)
 * @param body the envelope bytes ({@code EnvelopeCodec} decodes them)
 */
public record ReplayedMessage(
    String topic,
    int partition,
    long offset,
    Instant timestamp,
    String wireName,
    String partitionKey,
    Map<String, String> headers,
    byte[] body) {

  public ReplayedMessage {
    headers = Map.copyOf(headers);
  }
}
