package io.whizbang.runtime.transport.contract;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the messages the contract tests publish. Bodies are small opaque byte strings that name the test run, the
 * key and the sequence number: a transport must never look inside a body, so they need not be envelopes.
 */
final class TestMessages {

  private TestMessages() {}

  static OutgoingMessage message(Destination destination, String wireName, String key, int seq) {
    String body = "contract|" + destination.conventionalName() + "|" + wireName + "|" + key + "|" + seq;
    return new OutgoingMessage(UUID.randomUUID(), wireName, destination, key, 0,
        Map.of("wb-type", wireName), body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code count} messages spread round-robin over {@code keys} keys, numbered per key from 0. */
  static List<OutgoingMessage> spread(Destination destination, String wireName, int count, int keys) {
    List<OutgoingMessage> out = new ArrayList<>(count);
    int[] next = new int[keys];
    for (int i = 0; i < count; i++) {
      int k = i % keys;
      out.add(message(destination, wireName, "key-" + k, next[k]++));
    }
    return out;
  }

  static List<String> bodies(List<OutgoingMessage> messages) {
    return messages.stream().map(m -> new String(m.body(), StandardCharsets.UTF_8)).toList();
  }

  /** The key part of a body built by {@link #message}. */
  static String keyOf(String body) {
    return body.split("\\|")[3];
  }

  /** The sequence part of a body built by {@link #message}. */
  static int seqOf(String body) {
    return Integer.parseInt(body.split("\\|")[4]);
  }
}
