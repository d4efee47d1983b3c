package io.whizbang.runtime.thread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThreadsTest {

  @Test
  void byDefaultEveryLoopGetsANamedDaemonThread() {
    Thread t = Threads.defaults().newThread("whizbang-x", () -> { });
    assertThat(t.getName()).isEqualTo("whizbang-x");
    assertThat(t.isDaemon()).isTrue();
    assertThat(Threads.defaults().isDefault()).isTrue();
  }

  @Test
  void aFactoryMakesTheThreadAndTheLibraryNamesIt() {
    RecordingThreadFactory factory = new RecordingThreadFactory();
    Threads threads = Threads.of(factory);
    Thread t = threads.newThread("whizbang-relay-a", () -> { });
    var pool = threads.named("whizbang-feed-http");
    Thread p1 = pool.newThread(() -> { });
    Thread p2 = pool.newThread(() -> { });
    assertThat(factory.names()).containsExactly("whizbang-relay-a", "whizbang-feed-http-1", "whizbang-feed-http-2");
    assertThat(t).isNotNull();
    assertThat(p1).isNotSameAs(p2);
    assertThat(threads.isDefault()).isFalse();
  }

  @Test
  void aFactoryThatReturnsNoThreadIsReportedByName() {
    Threads threads = Threads.of(task -> null);
    assertThatThrownBy(() -> threads.newThread("whizbang-relay-a", () -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The ThreadFactory given to whizbang returned no thread for 'whizbang-relay-a'");
    assertThatThrownBy(() -> Threads.of(null)).hasMessage("threadFactory");
  }
}
