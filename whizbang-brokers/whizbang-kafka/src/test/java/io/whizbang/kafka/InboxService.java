package io.whizbang.kafka;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.BuilderSeams;
import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.WhizbangBuilder;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.internal.inbox.OutgoingFactory;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * One running instance of a storage-backed service: the builder plans its subscriptions, and each one is guarded by
 * an inbox consumer on the service's tables (inbox row, handler effects and the messages the handlers send or
 * publish, written to the outbox, in one transaction). {@code around} may wrap the inbox consumer, to watch or break
 * what reaches it.
 */
final class InboxService implements AutoCloseable {

  private final Whizbang whizbang;
  private final List<InboxConsumer> inboxes;

  private InboxService(Whizbang whizbang, List<InboxConsumer> inboxes) {
    this.whizbang = whizbang;
    this.inboxes = inboxes;
  }

  static InboxService start(WhizbangBuilder builder, SqlStorage storage, UnaryOperator<DeliveryHandler> around) {
    List<InboxConsumer> inboxes = new CopyOnWriteArrayList<>();
    Whizbang whizbang = BuilderSeams.consumers(builder, spec -> {
      InboxConsumer inbox = InboxConsumer.builder(storage, spec.subscriberId())
          .dispatchers(spec.dispatchers())
          .outgoing(outgoing(spec.envelopes()))
          .config(InboxConfig.builder().maxBatch(100).build())
          .build();
      inboxes.add(inbox);
      return around.apply(inbox);
    }).build();
    try {
      return new InboxService(whizbang.start(), inboxes);
    } catch (RuntimeException e) {
      whizbang.close();
      inboxes.forEach(InboxConsumer::close);
      throw e;
    }
  }

  static InboxService start(WhizbangBuilder builder, SqlStorage storage) {
    return start(builder, storage, UnaryOperator.identity());
  }

  Whizbang whizbang() {
    return whizbang;
  }

  /** Messages this instance's inboxes found already handled (by this or another instance) and only acknowledged. */
  long duplicates() {
    return inboxes.stream().mapToLong(i -> i.stats().duplicates()).sum();
  }

  /** Messages that went to the dead-letter table instead of being handled. */
  long deadLettered() {
    return inboxes.stream().mapToLong(i -> i.stats().deadLettered()).sum();
  }

  @Override
  public void close() {
    whizbang.close();
    inboxes.forEach(InboxConsumer::close);
  }

  private static OutgoingFactory outgoing(EnvelopeFactory envelopes) {
    return new OutgoingFactory() {
      @Override
      public OutgoingMessage command(Command command, Envelope cause) {
        return envelopes.command(command, cause).toOutgoingMessage();
      }

      @Override
      public OutgoingMessage event(Event event, Envelope cause) {
        return envelopes.event(event, cause).toOutgoingMessage();
      }
    };
  }
}
