package io.whizbang.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.internal.feedclient.FeedEvent;
import io.whizbang.runtime.internal.feedclient.FeedSink;
import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.thread.Threads;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The backfill's read-ahead: order kept, failures thrown on the reading thread, nothing applied after abandon. */
class ReadAheadTest {

  /** Records what it is given, as the page-applying sink would apply it. */
  private static class Recording implements FeedSink {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(FeedEvent event) throws Exception {
      seen.add(event.cursor().token());
    }

    @Override
    public void onPause() {
      seen.add("pause");
    }
  }

  private static FeedEvent event(long position) {
    return new FeedEvent(new EventCursor(7, position), null);
  }

  @Test
  void everyEventAndPauseReachesTheApplyingSinkInTheOrderRead() throws Exception {
    Recording target = new Recording();
    ReadAhead readAhead = new ReadAhead(target, 4, Threads.defaults(), "read-ahead-test");
    for (long p = 1; p <= 1_000; p++) {
      readAhead.onEvent(event(p));
      if (p % 100 == 0) {
        readAhead.onPause();
      }
    }
    readAhead.finish();

    assertThat(target.seen).hasSize(1_010);
    int next = 1;
    for (String item : target.seen) {
      if (!item.equals("pause")) {
        assertThat(item).isEqualTo("7." + next++);
      }
    }
    assertThat(target.seen.get(100)).isEqualTo("pause");
  }

  @Test
  void aFailureOfTheApplyingSinkIsThrownOnTheReadingThreadAndNothingAfterItIsApplied() throws Exception {
    IllegalStateException broken = new IllegalStateException("the database is away");
    Recording target = new Recording() {
      @Override
      public void onEvent(FeedEvent event) throws Exception {
        if (event.cursor().position() == 3) {
          throw broken;
        }
        super.onEvent(event);
      }
    };
    ReadAhead readAhead = new ReadAhead(target, 2, Threads.defaults(), "read-ahead-test");

    // The reader goes on handing over until it sees the failure: at a later hand-over or at finish().
    assertThatThrownBy(() -> {
      for (long p = 1; p <= 10_000; p++) {
        readAhead.onEvent(event(p));
      }
      readAhead.finish();
    }).isSameAs(broken);
    readAhead.abandon();

    assertThat(target.seen).containsExactly("7.1", "7.2");
  }

  @Test
  void abandonLetsThePageInProgressFinishAndDropsWhatWaits() throws Exception {
    CountDownLatch applying = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Recording target = new Recording() {
      @Override
      public void onEvent(FeedEvent event) throws Exception {
        if (event.cursor().position() == 1) {
          applying.countDown();
          release.await();
        }
        super.onEvent(event);
      }
    };
    ReadAhead readAhead = new ReadAhead(target, 8, Threads.defaults(), "read-ahead-test");
    for (long p = 1; p <= 5; p++) {
      readAhead.onEvent(event(p));
    }
    assertThat(applying.await(10, TimeUnit.SECONDS)).isTrue();

    Thread abandoning = new Thread(() -> {
      try {
        readAhead.abandon();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    abandoning.start();
    abandoning.join(200);
    assertThat(abandoning.isAlive()).as("abandon waits for the event being applied").isTrue();
    release.countDown();
    abandoning.join(10_000);

    assertThat(abandoning.isAlive()).isFalse();
    assertThat(target.seen).containsExactly("7.1");
  }
}
