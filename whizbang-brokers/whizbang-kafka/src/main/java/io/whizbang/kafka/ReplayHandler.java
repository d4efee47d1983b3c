package io.whizbang.kafka;

/**
 * Receives replayed records, one at a time, in offset order within each partition. An exception stops the replay
 * and is rethrown to the caller of {@link KafkaTransport#replay}.
 */
@FunctionalInterface
public interface ReplayHandler {
  void handle(ReplayedMessage message);
}
