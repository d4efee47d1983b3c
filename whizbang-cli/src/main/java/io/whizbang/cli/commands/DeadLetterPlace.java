package io.whizbang.cli.commands;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.DeadLetters.ReplayResult;
import io.whizbang.runtime.Operations;
import io.whizbang.runtime.Operations.DeadLetterFilter;
import java.util.List;
import java.util.Optional;

/**
 * Where dead letters are kept, and what acting on one means there. The outbox replays at once (the row goes back
 * into the outbox; the service's relay publishes it before the later rows of its key); an inbox only marks the
 * letter, because the handlers that must run it live in the subscriber, which replays it within a second.
 */
public enum DeadLetterPlace {
  OUTBOX("outbox", "--destination", "<destination>", "DESTINATION",
      "Only those for this destination, e.g. whizbang.orders.events."),
  INBOX("inbox", "--subscriber", "<subscriber>", "SUBSCRIBER", "Only those of this subscriber id.");

  private final String label;
  private final String ownerOption;
  private final String ownerLabel;
  private final String ownerHeader;
  private final String ownerDescription;

  DeadLetterPlace(String label, String ownerOption, String ownerLabel, String ownerHeader, String ownerDescription) {
    this.label = label;
    this.ownerOption = ownerOption;
    this.ownerLabel = ownerLabel;
    this.ownerHeader = ownerHeader;
    this.ownerDescription = ownerDescription;
  }

  public String label() {
    return label;
  }

  public String ownerOption() {
    return ownerOption;
  }

  public String ownerLabel() {
    return ownerLabel;
  }

  public String ownerHeader() {
    return ownerHeader;
  }

  public String ownerDescription() {
    return ownerDescription;
  }

  List<DeadLetter> list(Operations ops, DeadLetterFilter filter, long afterId, int limit) {
    return ops.deadLetters(this == OUTBOX ? DeadLetter.Source.OUTBOX : DeadLetter.Source.INBOX, filter, afterId,
        limit);
  }

  Optional<DeadLetter> find(Operations ops, long id) {
    return this == OUTBOX ? ops.outboxDeadLetters().find(id) : ops.inboxDeadLetter(id);
  }

  boolean discard(Operations ops, long id) {
    return this == OUTBOX ? ops.outboxDeadLetters().discard(id) : ops.discardInboxDeadLetter(id);
  }

  /** Replays (outbox) or marks for replay (inbox); {@code REPLAYED} stands for "requested" in an inbox. */
  ReplayResult replay(Operations ops, long id) {
    if (this == OUTBOX) {
      return ops.outboxDeadLetters().replay(id);
    }
    return ops.requestInboxReplay(id) ? ReplayResult.replayed() : ReplayResult.notFound();
  }

  /** What a successful {@link #replay} did, in words. */
  String replayedWord() {
    return this == OUTBOX ? "requeued" : "replay requested";
  }
}
