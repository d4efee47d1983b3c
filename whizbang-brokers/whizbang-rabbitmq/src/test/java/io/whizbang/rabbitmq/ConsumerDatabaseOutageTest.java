package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.testfixtures.DatabaseOutageScenario;
import io.whizbang.runtime.transport.Destination;
import org.junit.jupiter.api.Test;

/**
 * Two inbox consumers on RabbitMQ while their PostgreSQL is cut, then stalled, each time for longer than the inbox's
 * retry budget: every ack is checked against the committed effects when it is sent, every message is applied exactly
 * once and in key order, nothing is dead-lettered. See {@link DatabaseOutageScenario}.
 */
class ConsumerDatabaseOutageTest extends BrokerTestBase {

  @Test
  void consumersThroughACutAndAStalledDatabaseApplyEveryMessageOnceInKeyOrder() throws Exception {
    String domain = domain("outage");
    subscriber("outage");
    DatabaseOutageScenario scenario = new DatabaseOutageScenario(Postgres.require(), 4, 300);
    try {
      DatabaseOutageScenario.Outcome outcome = scenario.run(transport(), Destination.events(domain), 2);
      assertThat(outcome.messages()).isEqualTo(1200);
      assertThat(outcome.acks()).isGreaterThanOrEqualTo(1200);
      assertThat(outcome.redeliveries()).as("deliveries the broker says it redelivered").isPositive();
    } finally {
      scenario.drop();
    }
  }
}
