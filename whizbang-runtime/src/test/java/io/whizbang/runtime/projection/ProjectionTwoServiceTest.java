package io.whizbang.runtime.projection;

import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The owner writes 20,000 events while a projection in another service backfills over HTTP (one dropped connection,
 * one restart) and goes live on the in-memory transport: the projection ends equal to the fold of the whole
 * history, each event applied once, each account in order. See {@link BackfillThenLiveScenario}.
 */
class ProjectionTwoServiceTest {

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void projectionStartedMidStreamEndsEqualToTheFoldOfTheWholeHistory(TestDb db) throws Exception {
    InMemoryTransport broker = new InMemoryTransport();
    new BackfillThenLiveScenario(db, "bank", 20_000, process -> broker).run();
  }
}
