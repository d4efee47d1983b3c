package io.whizbang.sqs;

import io.whizbang.runtime.testfixtures.DedicatedServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The fault suite on an ElasticMQ of its own (scripts/services/start-sqs.sh with {@code SQS_STORAGE=disk}: queues
 * and messages in an H2 database that a restart reads back), events sent straight to the subscriber's FIFO queue.
 */
class ElasticMqFaultTest extends SqsFaultSuite {

  private static DedicatedServer server;
  private static String endpoint;

  @BeforeAll
  static void startDedicatedServer() {
    int port = DedicatedServer.freePort();
    endpoint = "http://127.0.0.1:" + port;
    server = DedicatedServer.start("sqs", Map.of("SQS_PORT", Integer.toString(port), "SQS_STORAGE", "disk"),
        "SQS_KEEP_DATA");
  }

  @AfterAll
  static void removeDedicatedServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected DedicatedServer server() {
    return server;
  }

  @Override
  protected String endpoint() {
    return endpoint;
  }

  @Override
  protected EventRouting routing() {
    return EventRouting.SQS_QUEUES;
  }
}
