package io.whizbang.benchmarks.axon;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/** The collections of this JVM from now on, as {@link System#nanoTime()} windows. */
final class GcPauses {
  record Pause(String name, String cause, long startNanos, long endNanos) {}

  final List<Pause> pauses = new CopyOnWriteArrayList<>();

  GcPauses() {
    // GcInfo times are milliseconds since the JVM started; map them onto nanoTime once.
    long jvmStartNanos = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
        if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
          return;
        }
        GarbageCollectionNotificationInfo info =
            GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        pauses.add(new Pause(info.getGcName(), info.getGcCause(),
            jvmStartNanos + info.getGcInfo().getStartTime() * 1_000_000L,
            jvmStartNanos + info.getGcInfo().getEndTime() * 1_000_000L));
      }, null, null);
    }
  }
}
