package io.whizbang.benchmarks.codec;

import io.whizbang.runtime.codec.Json;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.UUID;

/**
 * The thread CPU time of one generated-codec decode of {@link OrderSnapshot}: the best of 20 measured rounds of
 * {@code n} decodes after 10 warm-up rounds. CPU time, unlike JMH's wall-clock throughput, leaves out the time the
 * thread waits for a core, so two builds compared on a busy machine differ by their code, not by their neighbours.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.whizbang.benchmarks.codec.DecodeCpuTime 200000</pre>
 */
public final class DecodeCpuTime {

  private DecodeCpuTime() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    OrderSnapshot order = new OrderSnapshot(UUID.fromString("0196a7a4-6b00-7000-8000-0000000000aa"), "Ada Lovelace",
        42L, 3, 1249.95, true, Instant.parse("2025-05-01T10:15:30.123Z"),
        new Address("12 Analytical Row", "London", "N1 9GU", "GB"));
    byte[] json = Json.encode(OrderSnapshot_JsonCodec.INSTANCE, order);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long sink = 0;
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 30; round++) {
      long start = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += Json.decode(OrderSnapshot_JsonCodec.INSTANCE, json).quantity();
      }
      double perDecode = (cpu.getCurrentThreadCpuTime() - start) / (double) n;
      if (round >= 10) {
        best = Math.min(best, perDecode);
      }
    }
    System.out.printf("best thread CPU time per decode: %.1f ns (checksum %d)%n", best, sink);
  }
}
