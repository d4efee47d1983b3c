package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.DatabaseOutageScenario;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two inbox consumers on the in-memory transport while their PostgreSQL is cut, then stalled, each time for longer
 * than the inbox's retry budget: nothing acknowledged before it was committed, every message applied exactly once
 * and in key order, nothing dead-lettered. See {@link DatabaseOutageScenario}.
 */
class DatabaseOutageTest {

  @Test
  void consumersThroughACutAndAStalledDatabaseApplyEveryMessageOnceInKeyOrder() throws Exception {
    TestDb.requirePostgres();
    DatabaseOutageScenario scenario = new DatabaseOutageScenario((PGSimpleDataSource) TestDb.POSTGRES.dataSource(),
        4, 300);
    try (InMemoryTransport broker = new InMemoryTransport()) {
      DatabaseOutageScenario.Outcome outcome = scenario.run(broker, Destination.events("outage"), 2);
      assertThat(outcome.messages()).isEqualTo(1200);
      assertThat(outcome.acks()).isGreaterThanOrEqualTo(1200);
      assertThat(outcome.redeliveries()).as("messages delivered again after the outages").isPositive();
    } finally {
      scenario.drop();
    }
  }
}
