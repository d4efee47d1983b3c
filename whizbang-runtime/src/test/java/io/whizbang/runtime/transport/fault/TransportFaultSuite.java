package io.whizbang.runtime.transport.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.DeadLetters.ReplayResult;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the outbox promises through a broker's faults, proven against the real broker of each transport: nothing
 * lost, nothing reordered, and nothing parked for mere unavailability. A broker module extends it and supplies a
 * DEDICATED broker (the suite stops it), so the tests disturb no one else:
 *
 * <pre>{@code
 * class RabbitMqFaultTest extends TransportFaultSuite {
 *   @Override protected Transport newTransport() { ... connected to the dedicated node ... }
 *   @Override protected void stopBroker() { ... stops the broker's process ... }
 *   ...
 * }
 * }</pre>
 *
 * <p>The stack is real: the producer's outbox and the consumer's inbox live in PostgreSQL, a relay publishes with
 * a short backoff and a small {@code maxAttempts}, and the subscriber applies events through its inbox, which
 * removes the duplicates an at-least-once broker may deliver. Each test writes at least 1,000 rows over several
 * keys, and asserts on what the subscriber applied (one effect row per event, written with its inbox row).
 *
 * <ul>
 *   <li>An outage longer than the retry budget: the broker process is stopped (or, where a restart would break
 *       a promise the real broker keeps, every connection to it cut) while the relay publishes, kept down until
 *       some row has failed more than {@code maxAttempts} times and for at least {@link #OUTAGE}, then started. No
 *       row is parked; every
 *       event is applied exactly once, in order per key.
 *   <li>Poison among good messages: in some keys one message is too large for the broker, which refuses it for
 *       good. With the default dead-letter policy it is parked and its key waits behind it while the other keys
 *       flow; once the operator lets the broker accept it, replaying it from the outbox's dead letters publishes it
 *       and the rest of its key follows in order.
 * </ul>
 *
 * <p>Each test instance must get its own names on the broker (a name prefix made per instance), as JUnit makes a
 * new instance per test. The broker may be left running between tests; the suite starts it again after a test
 * that failed while it was stopped.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class TransportFaultSuite {

  /** Failed attempts after which the relay would have given up, had it a retry budget for unavailability. */
  protected static final int MAX_ATTEMPTS = 3;
  protected static final Duration INITIAL_BACKOFF = Duration.ofMillis(50);
  protected static final Duration MAX_BACKOFF = Duration.ofMillis(300);
  /** The shortest outage: over three times {@code MAX_ATTEMPTS} x {@code MAX_BACKOFF}. */
  protected static final Duration OUTAGE = Duration.ofSeconds(3);

  // Many keys, few events each: a transport may send one message of a key at a time (waiting for its confirm), so
  // the keys, not the events per key, carry the throughput.
  private static final int KEYS = 10;
  private static final int PER_KEY = 100;
  private static final int NORMAL_CUSTOMER_CHARS = 16;

  private final List<Transport> transports = new ArrayList<>();
  private FaultStack stack;
  private boolean brokerStopped;
  private boolean refusingLargeMessages;

  /**
   * A new transport connected to the dedicated broker, with names of this test instance; the suite closes it. It
   * must survive the broker's restart (reconnect by itself) as a service's transport would.
   */
  protected abstract Transport newTransport();

  /**
   * Stops the broker for real (its process, or every connection of the test's clients to it); returns once it no
   * longer accepts connections.
   */
  protected abstract void stopBroker() throws Exception;

  /** Starts the broker again on the data it had; returns once it accepts work. */
  protected abstract void startBroker() throws Exception;

  /**
   * From now on, the broker refuses for good every message carrying {@link #poisonBytes()} characters of payload
   * (and accepts the suite's ordinary messages, well under 1 KiB). Called before the suite makes its transports.
   */
  protected abstract void refuseLargeMessages() throws Exception;

  /** The operator's fix for the refusal: from now on the broker accepts the large messages again. */
  protected abstract void acceptLargeMessages() throws Exception;

  /** Payload characters of a poison message. Default 64 KiB. */
  protected int poisonBytes() {
    return 64 * 1024;
  }

  /**
   * Whether the transport may publish a message twice across an outage (a confirmation lost with the broker: the
   * relay publishes the row again). The inbox removes such duplicates; a transport that cannot produce them
   * returns false, and the suite then requires that the inbox saw none.
   */
  protected boolean mayDuplicateAcrossAnOutage() {
    return true;
  }

  /** Blocks until {@code subscription} receives what is published from now on (Kafka: partitions assigned). */
  protected void awaitReady(Subscription subscription) throws Exception {
    // Ready on return by default.
  }

  /**
   * Runs after each test, once its transports are closed and the broker runs again: a broker module deletes what
   * the test declared there.
   */
  protected void cleanUpBroker() throws Exception {
    // Nothing to delete by default.
  }

  /** How long the suite waits for the events to flow after the broker is back. */
  protected Duration flowTimeout() {
    return Duration.ofSeconds(90);
  }

  /**
   * The relay's settings: a short backoff and a small {@code maxAttempts}, so an outage of a few seconds is far
   * longer than {@code maxAttempts} times the backoff. A broker module may adjust the confirm timeout.
   */
  protected RelayConfig.Builder relayConfig() {
    return RelayConfig.builder().relayId("fault-" + UUID.randomUUID().toString().substring(0, 8))
        .batchSize(100).publishInterval(Duration.ofMillis(100))
        .leaseDuration(Duration.ofSeconds(3)).confirmTimeout(Duration.ofSeconds(1))
        .maxAttempts(MAX_ATTEMPTS).backoff(INITIAL_BACKOFF, MAX_BACKOFF);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (stack != null) {
      stack.close();
    }
    transports.forEach(Transport::close);
    if (brokerStopped) {
      startBroker();
    }
    if (refusingLargeMessages) {
      acceptLargeMessages();
    }
    if (!transports.isEmpty()) { // else the test never reached the broker (skipped before)
      cleanUpBroker();
    }
  }

  @Test
  void anOutageLongerThanTheRetryBudgetParksNothingAndLosesReordersAndDuplicatesNothing() throws Exception {
    stack = new FaultStack(transport(), transport(), relayConfig().build(), this::awaitReady);
    int third = PER_KEY / 3;
    appendSeqs(0, third);
    Await.until(flowTimeout(), () -> "events flowing before the outage: " + stack.applied.count(),
        () -> stack.applied.count() >= KEYS * third / 2);

    appendSeqs(third, 2 * third); // the relay is publishing these when the broker goes down
    stopBroker();
    brokerStopped = true;
    long downSince = System.nanoTime();
    appendSeqs(2 * third, PER_KEY);
    Await.until(flowTimeout(), () -> "a row failing more than maxAttempts (" + MAX_ATTEMPTS + ") times while the"
        + " broker is down; most attempts: " + stack.mostAttempts(),
        // A row parked instead (the failure taken for poison) ends the wait too: the assertion below names it.
        () -> stack.mostAttempts() > MAX_ATTEMPTS || stack.deadLetters.count() > 0);
    // Down for several times maxAttempts x maxBackoff in all, however fast the attempts failed.
    long downForNanos = OUTAGE.toNanos() - (System.nanoTime() - downSince);
    if (downForNanos > 0) {
      TimeUnit.NANOSECONDS.sleep(downForNanos);
    }
    assertThat(stack.deadLetters.count()).as("rows parked during the outage").isZero();
    assertThat(stack.relay.stats().parked()).isZero();
    // What an operator sees meanwhile: rows held, their age growing, failures counted as the broker's absence.
    long held = stack.unpublished();
    assertThat(held).as("rows held during the outage").isGreaterThanOrEqualTo((long) KEYS * (PER_KEY - 2 * third));
    assertThat(stack.meter("whizbang.outbox.pending", null, null)).as("outbox.pending during the outage")
        .isEqualTo(held);
    assertThat(stack.meter("whizbang.outbox.oldest.pending.age", null, null)).as("oldest pending age, seconds")
        .isGreaterThan(0);
    assertThat(stack.meter("whizbang.outbox.failures", "cause", "unavailable")).as("failures: unavailable")
        .isGreaterThan(0);
    assertThat(stack.meter("whizbang.outbox.failures", "cause", "poison")).as("failures: poison").isZero();
    assertThat(stack.meter("whizbang.outbox.dead.letters", null, null)).as("outbox dead letters").isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - downSince))
        .as("the outage outlasts maxAttempts x maxBackoff").isGreaterThan(MAX_BACKOFF.multipliedBy(MAX_ATTEMPTS * 3));
    startBroker();
    brokerStopped = false;

    awaitEverythingApplied();
    assertThat(stack.deadLetters.count()).as("rows parked").isZero();
    assertThat(stack.relay.stats().parked()).isZero();
    assertEveryKeyAppliedOnceInOrder(stack.applied.seqsByKey(), KEYS);
    assertThat(stack.inbox.stats().deadLettered()).as("events the subscriber dead-lettered").isZero();
    // And once it is over: nothing held, every row counted published, every event counted applied once.
    long all = (long) KEYS * PER_KEY;
    assertThat(stack.meter("whizbang.outbox.pending", null, null)).as("outbox.pending after the outage").isZero();
    assertThat(stack.meter("whizbang.outbox.published", null, null)).as("outbox.published")
        .isGreaterThanOrEqualTo(all);
    assertThat(stack.meter("whizbang.inbox.messages", "outcome", "applied")).as("inbox messages applied")
        .isEqualTo(all);
    assertThat(stack.meter("whizbang.inbox.messages", "outcome", "dead_lettered")).as("inbox dead-lettered")
        .isZero();
    if (!mayDuplicateAcrossAnOutage()) {
      assertThat(stack.inbox.stats().duplicates()).as("duplicates delivered").isZero();
    }
  }

  @Test
  void poisonHoldsOnlyItsKeyAndAfterTheFixAReplayLetsTheKeyResumeInOrder() throws Exception {
    refuseLargeMessages();
    refusingLargeMessages = true;
    stack = new FaultStack(transport(), transport(), relayConfig().build(), this::awaitReady);
    // Keys k0 and k1 each have one poison message, at different places; the other keys are clean.
    Map<String, Integer> poisonAt = Map.of("k0", PER_KEY / 5, "k1", PER_KEY / 2);
    List<String> clean = IntStream.range(2, KEYS).mapToObj(k -> "k" + k).toList();
    List<UUID> poisonIds = new ArrayList<>();
    for (int from = 0; from < PER_KEY; from += 10) {
      List<OutgoingMessage> rows = new ArrayList<>();
      for (int seq = from; seq < from + 10; seq++) {
        for (int k = 0; k < KEYS; k++) {
          String key = "k" + k;
          boolean poison = poisonAt.getOrDefault(key, -1) == seq;
          OutgoingMessage message = stack.event(key, seq, poison ? poisonBytes() : NORMAL_CUSTOMER_CHARS);
          if (poison) {
            poisonIds.add(message.messageId());
          }
          rows.add(message);
        }
      }
      stack.append(rows);
    }

    Await.until(flowTimeout(), () -> "the poison parked: " + stack.deadLetters.count() + " dead letters, applied "
        + stack.applied.count(), () -> stack.deadLetters.count() == poisonAt.size());
    Await.until(flowTimeout(), () -> "the clean keys applied: " + stack.applied.count() + " events in all",
        () -> clean.stream().allMatch(key -> appliedOf(key) == PER_KEY));
    // Rounds after the parking still hold the poisoned keys: a row appended now to a clean key is published first.
    stack.append(List.of(stack.event("k2", PER_KEY, NORMAL_CUSTOMER_CHARS)));
    Await.until(flowTimeout(), "a later row of a clean key applied", () -> appliedOf("k2") == PER_KEY + 1);
    Map<String, List<Integer>> held = stack.applied.seqsByKey();
    poisonAt.forEach((key, seq) -> assertThat(held.get(key)).as("%s applied up to its poison only", key)
        .isEqualTo(IntStream.range(0, seq).boxed().toList()));

    List<DeadLetter> letters = stack.deadLetters.list(0, 10);
    assertThat(letters).extracting(DeadLetter::messageId).containsExactlyInAnyOrderElementsOf(poisonIds);
    assertThat(letters).extracting(DeadLetter::partitionKey).containsExactlyInAnyOrder("k0", "k1");
    assertThat(letters).allSatisfy(letter -> assertThat(letter.reason()).contains("Refused permanently"));

    acceptLargeMessages();
    refusingLargeMessages = false;
    for (DeadLetter letter : letters) {
      assertThat(stack.deadLetters.replay(letter.id()).status()).as("replayed %s", letter.messageId())
          .isEqualTo(ReplayResult.Status.REPLAYED);
    }

    Await.until(flowTimeout(), () -> "the poisoned keys resumed: " + appliedOf("k0") + " and " + appliedOf("k1")
        + " of " + PER_KEY + "; dead letters " + stack.deadLetters.count(),
        () -> appliedOf("k0") == PER_KEY && appliedOf("k1") == PER_KEY);
    awaitEverythingApplied();
    Map<String, List<Integer>> byKey = stack.applied.seqsByKey();
    byKey.get("k2").remove(Integer.valueOf(PER_KEY)); // the marker
    assertEveryKeyAppliedOnceInOrder(byKey, KEYS);
    assertThat(stack.deadLetters.count()).isZero();
    assertThat(stack.inbox.stats().deadLettered()).as("events the subscriber dead-lettered").isZero();
  }

  private Transport transport() {
    Transport transport = newTransport();
    transports.add(transport);
    return transport;
  }

  /** Events {@code from} to {@code to} (exclusive) of every key, ten sequence numbers per transaction. */
  private void appendSeqs(int from, int to) {
    for (int start = from; start < to; start += 10) {
      List<OutgoingMessage> rows = new ArrayList<>();
      for (int seq = start; seq < Math.min(start + 10, to); seq++) {
        for (int k = 0; k < KEYS; k++) {
          rows.add(stack.event("k" + k, seq, NORMAL_CUSTOMER_CHARS));
        }
      }
      stack.append(rows);
    }
  }

  private long appliedOf(String key) {
    return stack.db.count("select count(*) from " + stack.applied.table() + " where k = '" + key + "'");
  }

  /** Waits until the outbox is published and the subscriber applied every row, then a little longer for extras. */
  private void awaitEverythingApplied() throws InterruptedException {
    long expected = (long) KEYS * PER_KEY;
    Await.until(flowTimeout(), () -> "every event applied: " + stack.applied.count() + " of at least " + expected
        + ", unpublished rows " + stack.unpublished(),
        () -> stack.applied.count() >= expected && stack.unpublished() == 0);
    Thread.sleep(500); // a duplicate the inbox let through would show up now
  }

  /** Fails with what went wrong per key (missing, duplicated, out of order), rather than with 1,000 numbers. */
  private static void assertEveryKeyAppliedOnceInOrder(Map<String, List<Integer>> byKey, int keys) {
    List<String> problems = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      String key = "k" + k;
      List<Integer> seqs = byKey.getOrDefault(key, List.of());
      List<Integer> missing = IntStream.range(0, PER_KEY).filter(seq -> !seqs.contains(seq)).boxed().toList();
      if (!missing.isEmpty()) {
        problems.add(key + " is missing " + missing.size() + " events, first " + missing.subList(0,
            Math.min(10, missing.size())));
      }
      if (seqs.size() != seqs.stream().distinct().count()) {
        problems.add(key + " applied " + (seqs.size() - seqs.stream().distinct().count()) + " events twice");
      }
      for (int i = 1; i < seqs.size(); i++) {
        if (seqs.get(i) <= seqs.get(i - 1)) {
          problems.add(key + " applied " + seqs.get(i) + " after " + seqs.get(i - 1) + " (position " + i + ")");
          break;
        }
      }
    }
    Set<String> unexpected = new TreeSet<>(byKey.keySet());
    unexpected.removeAll(IntStream.range(0, keys).mapToObj(k -> "k" + k).toList());
    if (!unexpected.isEmpty()) {
      problems.add("events of unexpected keys " + unexpected);
    }
    assertThat(problems).as("every event applied once, in order per key").isEmpty();
  }
}
