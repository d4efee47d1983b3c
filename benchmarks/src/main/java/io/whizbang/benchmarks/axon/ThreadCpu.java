package io.whizbang.benchmarks.axon;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the live threads whose names start with a prefix (a pool's threads: the feed server's, the HTTP
 * client's), summed. Sampled before and after a round, it says how busy threads that make no database call were; a
 * thread that ended between the samples is missed, so pools with long-lived threads only.
 */
final class ThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final String prefix;
  private final Map<Long, Long> atStart = new HashMap<>();
  private long nanos;

  ThreadCpu(String prefix) {
    this.prefix = prefix;
  }

  void start() {
    atStart.clear();
    atStart.putAll(now());
  }

  /** Adds each thread's CPU time since {@link #start} (all of it for a thread started since). */
  void stop() {
    now().forEach((id, cpu) -> nanos += cpu - atStart.getOrDefault(id, 0L));
  }

  long nanos() {
    return nanos;
  }

  private Map<Long, Long> now() {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (t != null && t.getThreadName().startsWith(prefix)) {
        cpu.put(t.getThreadId(), Math.max(0, THREADS.getThreadCpuTime(t.getThreadId())));
      }
    }
    return cpu;
  }
}
