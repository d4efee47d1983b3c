package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A transport that misbehaves the ways real brokers may, within the contract: it delivers each message one or
 * more times (extra copies later in the key's stream, as a relay that published twice would), picks keys in random
 * order (so keys overtake each other, never a key itself), hands out several messages of one key per batch, and
 * "crashes" between commit and ack: the consumer's acknowledgement is lost and the message is delivered again.
 * One subscriber only; deterministic given the seed up to thread scheduling.
 */
final class ChaosTransport implements Transport {
  private final Random random;
  private final int maxCopies;
  private final double lostAckRate;
  private final int maxBatch;
  private final int maxPerKey;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, PriorityQueue<Entry>> queues = new HashMap<>();
  private final Map<String, Integer> inFlight = new HashMap<>();
  private final List<Thread> lanes = new ArrayList<>();
  private long nextSeq;
  private int lostAcksOnCommand;
  private volatile boolean closed;
  final AtomicInteger deliveries = new AtomicInteger();
  final AtomicInteger acks = new AtomicInteger();
  final AtomicInteger lostAcks = new AtomicInteger();
  final AtomicInteger releases = new AtomicInteger();
  final AtomicInteger copies = new AtomicInteger();

  private static final class Entry {
    final long seq;
    final OutgoingMessage message;
    int deliveryCount;
    long notBefore;

    Entry(long seq, OutgoingMessage message) {
      this.seq = seq;
      this.message = message;
    }
  }

  ChaosTransport(long seed, int maxCopies, double lostAckRate, int maxBatch, int maxPerKey) {
    this.random = new Random(seed);
    this.maxCopies = maxCopies;
    this.lostAckRate = lostAckRate;
    this.maxBatch = maxBatch;
    this.maxPerKey = maxPerKey;
  }

  @Override
  public String name() {
    return "chaos";
  }

  /** The next {@code n} acknowledgements are lost, as if the consumer died right after its commit. */
  void loseNextAcks(int n) {
    lock.lock();
    try {
      lostAcksOnCommand += n;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
    lock.lock();
    try {
      for (OutgoingMessage m : batch) {
        PriorityQueue<Entry> q = queues.computeIfAbsent(key(m), k -> new PriorityQueue<>(
            (a, b) -> Long.compare(a.seq, b.seq)));
        q.add(new Entry(nextSeq++, m));
        int extra = maxCopies <= 1 ? 0 : random.nextInt(maxCopies);
        for (int i = 0; i < extra; i++) {
          // A later copy: somewhere after the original in the key's stream, as a re-publish would land.
          q.add(new Entry(nextSeq + 1 + random.nextInt(200), m));
          copies.incrementAndGet();
        }
        nextSeq += 201;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    List<CompletableFuture<Void>> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      out.add(CompletableFuture.completedFuture(null));
    }
    return out;
  }

  private static String key(OutgoingMessage m) {
    return m.partitionKey() != null ? m.partitionKey() : m.messageId().toString();
  }

  @Override
  public Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler) {
    int n = request.concurrency();
    for (int i = 0; i < n; i++) {
      int lane = i;
      Thread t = new Thread(() -> runLane(lane, n, handler), "chaos-lane-" + i);
      t.setDaemon(true);
      lanes.add(t);
      t.start();
    }
    return this::close;
  }

  private void runLane(int lane, int lanesTotal, DeliveryHandler handler) {
    while (!closed) {
      List<ChaosDelivery> batch;
      try {
        batch = take(lane, lanesTotal);
      } catch (InterruptedException e) {
        return;
      }
      if (batch.isEmpty()) {
        continue;
      }
      try {
        handler.handle(List.copyOf(batch));
      } catch (RuntimeException e) {
        // Same as a broker: the unsettled ones come back.
      }
      for (ChaosDelivery d : batch) {
        if (!d.settled) {
          d.release(Duration.ZERO);
        }
      }
    }
  }

  private List<ChaosDelivery> take(int lane, int lanesTotal) throws InterruptedException {
    lock.lock();
    try {
      while (!closed) {
        long now = System.nanoTime();
        List<String> keys = new ArrayList<>();
        for (String k : queues.keySet()) {
          if (Math.floorMod(k.hashCode(), lanesTotal) == lane && !inFlight.containsKey(k)) {
            keys.add(k);
          }
        }
        Collections.shuffle(keys, random);
        List<ChaosDelivery> out = new ArrayList<>();
        for (String k : keys) {
          PriorityQueue<Entry> q = queues.get(k);
          int perKey = 1 + random.nextInt(maxPerKey);
          while (!q.isEmpty() && perKey-- > 0 && out.size() < maxBatch && q.peek().notBefore - now <= 0) {
            Entry e = q.poll();
            e.deliveryCount++;
            inFlight.merge(k, 1, Integer::sum);
            out.add(new ChaosDelivery(k, e));
            deliveries.incrementAndGet();
          }
          if (out.size() >= maxBatch) {
            break;
          }
        }
        if (!out.isEmpty()) {
          return out;
        }
        changed.await(5, TimeUnit.MILLISECONDS);
      }
      return List.of();
    } finally {
      lock.unlock();
    }
  }

  /** True when every message was acknowledged. */
  boolean drained() {
    lock.lock();
    try {
      return inFlight.isEmpty() && queues.values().stream().allMatch(PriorityQueue::isEmpty);
    } finally {
      lock.unlock();
    }
  }

  private void settle(ChaosDelivery d, boolean requeue, long delayNanos) {
    lock.lock();
    try {
      if (requeue) {
        d.entry.notBefore = System.nanoTime() + delayNanos;
        queues.get(d.key).add(d.entry);
      }
      inFlight.computeIfPresent(d.key, (k, n) -> n == 1 ? null : n - 1);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private boolean loseThisAck() {
    lock.lock();
    try {
      if (lostAcksOnCommand > 0) {
        lostAcksOnCommand--;
        return true;
      }
      return random.nextDouble() < lostAckRate;
    } finally {
      lock.unlock();
    }
  }

  private final class ChaosDelivery implements Delivery {
    final String key;
    final Entry entry;
    boolean settled;

    ChaosDelivery(String key, Entry entry) {
      this.key = key;
      this.entry = entry;
    }

    @Override
    public byte[] body() {
      return entry.message.body();
    }

    @Override
    public String partitionKey() {
      return entry.message.partitionKey();
    }

    @Override
    public int deliveryCount() {
      return entry.deliveryCount;
    }

    @Override
    public void ack() {
      check();
      if (loseThisAck()) {
        lostAcks.incrementAndGet();
        settle(this, true, 0);
      } else {
        acks.incrementAndGet();
        settle(this, false, 0);
      }
    }

    @Override
    public void release(Duration delay) {
      check();
      releases.incrementAndGet();
      settle(this, true, delay.toNanos());
    }

    private void check() {
      if (settled) {
        throw new IllegalStateException("settled twice: " + entry.message.messageId());
      }
      settled = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread t : lanes) {
      t.interrupt();
    }
    for (Thread t : lanes) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lanes.clear();
  }
}
