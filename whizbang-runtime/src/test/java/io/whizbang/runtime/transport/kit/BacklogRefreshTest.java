package io.whizbang.runtime.transport.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.testfixtures.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BacklogRefreshTest {

  @Test
  void theBacklogIsUnknownUntilTheFirstReadThenWhatItReturned() throws Exception {
    CountDownLatch mayRead = new CountDownLatch(1);
    try (BacklogRefresh backlog = BacklogRefresh.start(LaneThreads.daemon("backlog-test"), "queue 'q'", () -> {
      mayRead.await();
      return 7;
    })) {
      assertThat(backlog.value()).isEmpty();
      mayRead.countDown();
      Await.until(() -> backlog.value().isPresent(), "the first read");
      assertThat(backlog.value()).hasValue(7);
    }
  }

  @Test
  void aFailedReadMakesTheBacklogUnknownAgain() {
    AtomicInteger reads = new AtomicInteger();
    try (BacklogRefresh backlog = BacklogRefresh.start(LaneThreads.daemon("backlog-test"), "queue 'q'", () -> {
      if (reads.incrementAndGet() == 1) {
        return 3;
      }
      throw new IllegalStateException("the broker is away");
    })) {
      Await.until(() -> backlog.value().isPresent(), "the first read");
      assertThat(backlog.value()).hasValue(3);
      Await.until(() -> reads.get() >= 2, "the second read, one interval later");
      Await.until(() -> backlog.value().isEmpty(), "the failed read published");
    }
  }

  @Test
  void closingStopsTheReadingThread() {
    BacklogRefresh backlog = BacklogRefresh.start(LaneThreads.daemon("backlog-close"), "queue 'q'", () -> 1);
    Await.until(() -> backlog.value().isPresent(), "the first read");

    backlog.close();
    backlog.close(); // idempotent

    Await.until(() -> threads("backlog-close").isEmpty(), "the reading thread gone");
    assertThat(backlog.value()).hasValue(1);
  }

  private static List<Thread> threads(String prefix) {
    List<Thread> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith(prefix + "-")) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void anUnknownBacklogIsEmptyUntilSetAndNeverNegative() {
    try (BacklogRefresh backlog = BacklogRefresh.unknown()) {
      assertThat(backlog.value()).isEmpty();
      backlog.set(12);
      assertThat(backlog.value()).hasValue(12);
      backlog.set(-1);
      assertThat(backlog.value()).hasValue(0);
    }
  }
}
