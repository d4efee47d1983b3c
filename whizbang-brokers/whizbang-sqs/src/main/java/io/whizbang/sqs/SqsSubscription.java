package io.whizbang.sqs;

import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.kit.BacklogRefresh;
import io.whizbang.runtime.transport.kit.KeyedLanes;
import io.whizbang.runtime.transport.kit.TransportCounters;
import io.whizbang.runtime.transport.kit.TransportLifecycle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Consumes one subscription: a long-polling thread per queue (up to ten messages a call), {@code concurrency} lanes
 * running the handler, a heartbeat extending the visibility timeout of every message still in hand, and deletion of
 * acknowledged messages in batches of ten once the handler call that acknowledged them returned.
 */
final class SqsSubscription implements Subscription {

  private static final Logger LOG = LoggerFactory.getLogger(SqsSubscription.class);

  private final String subscriberId;
  private final SqsClient sqs;
  private final SqsConfig config;
  private final ApiCalls calls;
  private final Map<String, Set<String>> wantedByQueue;
  private final TransportCounters deliveries;
  private KeyedLanes<SqsDelivery> lanes;
  private final List<Thread> pollers = new ArrayList<>();
  private final Set<SqsDelivery> inFlight = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<SqsDelivery> toDelete = new ConcurrentLinkedQueue<>();
  private final Semaphore permits;
  /** Held while changing visibility, so that an extension never hides a message just released. */
  private final Object visibility = new Object();
  private final TransportLifecycle lifecycle;
  private final VisibilitySchedule schedule;
  private ScheduledFuture<?> heartbeat;
  private volatile BacklogRefresh backlog;
  private volatile boolean running = true;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean killed;

  private SqsSubscription(String subscriberId, SqsClient sqs, SqsConfig config, ApiCalls calls,
      TransportCounters deliveries, Map<String, Set<String>> wantedByQueue, TransportLifecycle lifecycle) {
    this.subscriberId = subscriberId;
    this.deliveries = deliveries;
    this.sqs = sqs;
    this.config = config;
    this.calls = calls;
    this.wantedByQueue = wantedByQueue;
    this.permits = new Semaphore(config.maxInFlight());
    this.schedule = new VisibilitySchedule(config.visibilityTimeout());
    this.lifecycle = lifecycle;
  }

  /** Starts polling {@code wantedByQueue}'s queues (queue URL to the wire names wanted from it). */
  static SqsSubscription start(String subscriberId, int concurrency, DeliveryHandler handler, SqsClient sqs,
      SqsConfig config, ApiCalls calls, TransportCounters deliveries, Map<String, Set<String>> wantedByQueue,
      ScheduledExecutorService timer, TransportLifecycle lifecycle) {
    SqsSubscription s = new SqsSubscription(subscriberId, sqs, config, calls, deliveries,
        new LinkedHashMap<>(wantedByQueue), lifecycle);
    s.lanes = KeyedLanes.<SqsDelivery>builder("whizbang-sqs-" + subscriberId, SqsDelivery::laneKey, handler)
        .lanes(concurrency).maxBatch(config.maxBatch())
        .threads(config.threads("whizbang-sqs-" + subscriberId + "-lane")).hooks(s.new LaneHooks()).build().start();
    ThreadFactory pollerThreads = config.threads("whizbang-sqs-" + subscriberId + "-poll");
    for (String url : s.wantedByQueue.keySet()) {
      Thread poller = pollerThreads.newThread(() -> s.poll(url));
      s.pollers.add(poller);
      poller.start();
    }
    s.backlog = BacklogRefresh.start(config.threads("whizbang-sqs-" + subscriberId + "-backlog"),
        "the queues of subscriber '" + subscriberId + "'",
        new WaitingMessages(sqs, List.copyOf(s.wantedByQueue.keySet())));
    long tick = s.schedule.tickMillis();
    s.heartbeat = timer.scheduleWithFixedDelay(s::extendVisibility, tick, tick, TimeUnit.MILLISECONDS);
    return s;
  }

  private void poll(String queueUrl) {
    Set<String> wanted = wantedByQueue.get(queueUrl);
    int waitSeconds = (int) config.receiveWait().toSeconds();
    while (running) {
      int n;
      try {
        if (!permits.tryAcquire(200, TimeUnit.MILLISECONDS)) {
          continue; // every lane busy: let them catch up before taking more messages
        }
        n = 1;
        int extra = Math.min(SqsConfig.MAX_BATCH_ENTRIES - 1, permits.availablePermits());
        if (extra > 0 && permits.tryAcquire(extra)) {
          n += extra;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      List<Message> messages;
      try {
        int max = n;
        ReceiveMessageResponse response = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(max)
            .waitTimeSeconds(waitSeconds).visibilityTimeout((int) config.visibilityTimeout().toSeconds())
            .messageAttributeNames("All")
            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                MessageSystemAttributeName.MESSAGE_GROUP_ID, MessageSystemAttributeName.SENT_TIMESTAMP));
        messages = response.messages();
      } catch (SdkException e) {
        permits.release(n);
        if (running) {
          LOG.warn("subscriber {}: receiving from {} failed, trying again in 1 s: {}", subscriberId, queueUrl,
              e.toString());
          sleep(1000);
        }
        continue;
      }
      permits.release(n - messages.size());
      if (messages.isEmpty()) {
        calls.emptyReceives.increment();
        continue;
      }
      calls.receiveCalls.increment();
      calls.receivedMessages.add(messages.size());
      for (Message m : messages) {
        SqsDelivery d;
        try {
          d = new SqsDelivery(queueUrl, m, body(queueUrl, m), SqsDelivery.receiveCount(m), this, deliveries);
        } catch (RuntimeException e) {
          // Not expected (bodies that are not envelopes are handed over as they are): left to its visibility timeout
          // and the queue's redrive policy.
          LOG.error("subscriber {}: message {} from {} cannot be read and is left on the queue: {}", subscriberId,
              m.messageId(), queueUrl, e.toString());
          permits.release();
          continue;
        }
        inFlight.add(d);
        if (running && d.wireName != null && !wanted.contains(d.wireName)) {
          d.claim();
          toDelete.add(d); // not asked for and not filterable on the broker side: acknowledged unseen
        } else if (!running || !offer(d)) {
          giveBackUnseen(d, Duration.ZERO); // received while closing, or the lanes stopped: for the next consumer
        }
      }
      if (!toDelete.isEmpty()) {
        flushDeletes();
      }
      if (config.fifo() && messages.size() < n) {
        awaitGroupsFreed();
      }
    }
  }

  private boolean offer(SqsDelivery d) {
    try {
      return lanes.offer(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What SQS adds to the kit's lanes: deletions flushed between batches, and the buffer given back on stop. */
  private final class LaneHooks implements KeyedLanes.Hooks<SqsDelivery> {
    @Override
    public void beforeWait(int lane) {
      flushDeletes(); // acknowledgements of the batch just handled, or made outside a handler call
    }

    @Override
    public void stopped(int lane, List<SqsDelivery> left) {
      left.forEach(d -> giveBackUnseen(d, Duration.ZERO));
      flushDeletes();
    }
  }

  /**
   * A FIFO queue returns nothing of a message group while one of its messages is in hand, so a receive right after
   * a short one would come back short again. Waiting briefly for the lanes to settle what they hold lets the next
   * receive fill up (ten messages per call instead of a few), at the cost of at most that pause.
   */
  private void awaitGroupsFreed() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    while (running && !inFlight.isEmpty() && System.nanoTime() < deadline) {
      sleep(1);
    }
  }

  /**
   * The body's bytes. A body marked base64 that is not (a foreign message) is handed over as the text it is: it
   * goes through its lane in its group's order like any message, and the inbox dead-letters it at once as not an
   * envelope. Left on the queue instead, it would come back every visibility timeout for ever, and the next message
   * of its group, received with it, would overtake it.
   */
  private byte[] body(String queueUrl, Message m) {
    String encoding = SqsDelivery.attribute(m, WireMessage.BODY_ENCODING);
    try {
      return WireMessage.bodyBytes(m.body(), encoding);
    } catch (IllegalArgumentException e) {
      LOG.warn("subscriber {}: message {} from {} is marked {}={} but its body is not valid base64 ({}); it is"
          + " handed over as text", subscriberId, m.messageId(), queueUrl, WireMessage.BODY_ENCODING, encoding,
          e.getMessage());
      return m.body().getBytes(StandardCharsets.UTF_8);
    }
  }

  void acknowledged(SqsDelivery d) {
    toDelete.add(d);
  }

  /** Makes {@code d} visible again after {@code delay} (whole seconds, rounded up; at most 12 hours). */
  void released(SqsDelivery d, Duration delay, boolean withWaitingOfItsKey) {
    if (killed) {
      return;
    }
    long seconds = Math.min(43_200, (delay.toMillis() + 999) / 1000);
    synchronized (visibility) {
      outOfHand(d); // under the lock, so that no extension hides it again once released
      try {
        sqs.changeMessageVisibility(b -> b.queueUrl(d.queueUrl).receiptHandle(d.message.receiptHandle())
            .visibilityTimeout((int) seconds));
      } catch (SdkException e) {
        // Gone already, or SQS unreachable: it becomes visible when its visibility timeout runs out.
        LOG.debug("subscriber {}: release of {} not sent: {}", subscriberId, d, e.toString());
      }
    }
    if (withWaitingOfItsKey) {
      // The later messages of its key waiting in its lane come back behind it instead of overtaking it.
      lanes.takeWaiting(d.laneKey()).forEach(later -> giveBackUnseen(later, delay));
    }
  }

  /** Gives back a delivery nobody settled (the handler never saw it, or the subscription closes): not counted. */
  private void giveBackUnseen(SqsDelivery d, Duration delay) {
    if (d.claim()) {
      released(d, delay, false);
    }
  }

  /** Deletes acknowledged messages, ten per call. */
  void flushDeletes() {
    if (killed) {
      toDelete.clear();
      return;
    }
    List<SqsDelivery> acknowledged = new ArrayList<>();
    for (SqsDelivery d; (d = toDelete.poll()) != null; ) {
      acknowledged.add(d);
    }
    inTens(acknowledged, (url, chunk) -> {
      List<DeleteMessageBatchRequestEntry> entries = IntStream.range(0, chunk.size()).mapToObj(i ->
          DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
              .receiptHandle(chunk.get(i).message.receiptHandle()).build()).toList();
      try {
        DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(entries));
        calls.deleteCalls.increment();
        response.failed().forEach(f -> LOG.warn("subscriber {}: SQS did not delete {} ({}: {}); it will be"
            + " delivered again and the inbox will recognise it", subscriberId, chunk.get(Integer.parseInt(f.id())),
            f.code(), f.message()));
      } catch (SdkException e) {
        LOG.warn("subscriber {}: deleting {} acknowledged messages from {} failed; they will be delivered again"
            + " and the inbox will recognise them: {}", subscriberId, chunk.size(), url, e.toString());
      }
      chunk.forEach(this::outOfHand);
    });
  }

  /** No longer in hand: its visibility is not extended any more, and its permit lets the pollers take another. */
  private void outOfHand(SqsDelivery d) {
    if (inFlight.remove(d)) {
      permits.release();
    }
  }

  /** Hands {@code deliveries} to {@code call} by queue, ten at a time: the most one SQS batch call takes. */
  private static void inTens(List<SqsDelivery> deliveries, BiConsumer<String, List<SqsDelivery>> call) {
    Map<String, List<SqsDelivery>> byQueue = new LinkedHashMap<>();
    deliveries.forEach(d -> byQueue.computeIfAbsent(d.queueUrl, k -> new ArrayList<>()).add(d));
    byQueue.forEach((url, list) -> {
      for (int from = 0; from < list.size(); from += SqsConfig.MAX_BATCH_ENTRIES) {
        call.accept(url, list.subList(from, Math.min(list.size(), from + SqsConfig.MAX_BATCH_ENTRIES)));
      }
    });
  }

  /**
   * Pushes the visibility timeout of every message in hand that is due (see {@link VisibilitySchedule}) a full
   * timeout into the future. Acknowledged messages are in hand until deleted: they are extended too, or they would
   * come back while the rest of their lane's batch is handled.
   */
  private void extendVisibility() {
    if (killed) {
      return;
    }
    try {
      extendDue();
    } catch (RuntimeException e) {
      // The heartbeat must survive anything: a scheduled task that throws is never run again.
      LOG.error("subscriber {}: extending visibility failed; trying again on the next heartbeat", subscriberId, e);
    }
  }

  private void extendDue() {
    int seconds = schedule.seconds();
    synchronized (visibility) {
      long now = System.nanoTime();
      inTens(inFlight.stream().filter(d -> schedule.due(d.lastExtendedNanos, now)).toList(), (url, chunk) -> {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = IntStream.range(0, chunk.size()).mapToObj(i ->
            ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                .receiptHandle(chunk.get(i).message.receiptHandle()).visibilityTimeout(seconds).build()).toList();
        try {
          int failed = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(entries)).failed().size();
          calls.visibilityExtensions.add(chunk.size() - failed);
          chunk.forEach(d -> d.lastExtendedNanos = now);
        } catch (SdkException e) {
          LOG.warn("subscriber {}: extending the visibility of {} messages failed: {}", subscriberId, chunk.size(),
              e.toString());
        }
      });
    }
  }

  /**
   * The messages waiting to be received from this subscription's queues, as SQS last reported them (read every
   * {@link BacklogRefresh#INTERVAL}, see {@link WaitingMessages}).
   */
  @Override
  public OptionalLong backlog() {
    return backlog.value();
  }

  /**
   * Stops polling (waiting for a receive in progress, at most the receive wait), lets each lane finish the
   * handler call in hand, and makes every message not acknowledged visible again at once. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    running = false;
    Duration wait = config.receiveWait().plus(config.operationTimeout());
    boolean lanesStopped = false;
    try {
      for (Thread poller : pollers) {
        if (poller != Thread.currentThread()) {
          poller.join(wait.toMillis());
        }
      }
      lanes.stop();
      lanesStopped = lanes.awaitStopped(config.closeTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushDeletes();
    if (lanesStopped) {
      List.copyOf(inFlight).forEach(d -> giveBackUnseen(d, Duration.ZERO));
    } else {
      // A handler still runs and may just have released an earlier message of a key with a delay: making the later
      // ones of that key visible at once would let another consumer apply them first. What it holds comes back when
      // its visibility timeout runs out, in order, as after a crash.
      LOG.warn("subscriber {}: a handler did not return within {} ms of the close; the {} message(s) still in hand"
          + " come back after their visibility timeout", subscriberId, config.closeTimeout().toMillis(),
          inFlight.size());
    }
    heartbeat.cancel(false);
    backlog.close();
    lifecycle.forget(this);
  }

  /**
   * Stops as a process that dies would (tests only): polling and lanes end, nothing more is said to SQS. Messages in
   * hand, and those acknowledged but not yet deleted, come back when their visibility timeout runs out.
   *
   * @return how many received messages were left without deletion
   */
  int kill() {
    killed = true;
    toDelete.clear();
    heartbeat.cancel(false);
    close();
    return inFlight.size();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
