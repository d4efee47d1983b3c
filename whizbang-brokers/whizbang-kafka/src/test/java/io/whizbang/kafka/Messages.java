package io.whizbang.kafka;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Builds outgoing test messages whose body is readable text ("key/n"). */
final class Messages {

  private Messages() {}

  static OutgoingMessage event(String domain, String wireName, String key, String body) {
    return new OutgoingMessage(UUID.randomUUID(), wireName, Destination.events(domain), key, 0, Map.of(),
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code perKey} messages for each of {@code keys} keys, interleaved: k0/0, k1/0, ..., k0/1, ... */
  static List<OutgoingMessage> interleaved(String domain, String wireName, int keys, int perKey) {
    List<OutgoingMessage> batch = new ArrayList<>();
    for (int n = 0; n < perKey; n++) {
      for (int k = 0; k < keys; k++) {
        batch.add(event(domain, wireName, "k" + k, "k" + k + "/" + n));
      }
    }
    return batch;
  }

  static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Publishes and waits for every confirmation; a refused message fails the test. */
  static void publishAndConfirm(KafkaTransport transport, List<OutgoingMessage> batch) throws Exception {
    List<CompletableFuture<Void>> futures = transport.publish(batch);
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
  }
}
