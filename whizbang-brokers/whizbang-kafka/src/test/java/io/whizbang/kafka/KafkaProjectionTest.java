package io.whizbang.kafka;

import io.whizbang.runtime.projection.BackfillThenLiveScenario;
import io.whizbang.runtime.sql.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The runtime's two-service projection scenario with Kafka as the live transport: the owner's relay publishes to
 * Kafka, and each projection process has its own Kafka client (the restart starts a new consumer in the same
 * group). 5,000 events keep it short; the in-memory run in the runtime covers 20,000.
 */
class KafkaProjectionTest {

  @BeforeEach
  void broker() {
    KafkaBroker.require();
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void projectionStartedMidStreamEndsEqualToTheFoldOfTheWholeHistory(TestDb db) throws Exception {
    String domain = KafkaBroker.uniqueDomain("ledger");
    new BackfillThenLiveScenario(db, domain, 5_000,
        process -> KafkaTransport.connect(KafkaBroker.config().clientId("whizbang-test-" + process).build())).run();
  }
}
