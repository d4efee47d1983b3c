package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.inbox.InboxConfig.UnknownTypePolicy;
import io.whizbang.runtime.transport.Delivery;
import java.util.List;
import java.util.TreeSet;

/**
 * The checks of a delivery that need no database, made before any transaction: its size, whether it decodes, which
 * dispatchers handle its wire name, and whether it arrived expired or older than the inbox retention. Their verdicts
 * are kept on the {@link Received}; {@link ArrivalPolicies} acts on them.
 */
final class DeliveryChecks {
  private final String consumerId;
  private final InboxConfig config;
  private final InboxHandlers handlers;

  DeliveryChecks(String consumerId, InboxConfig config, InboxHandlers handlers) {
    this.consumerId = consumerId;
    this.config = config;
    this.handlers = handlers;
  }

  Received check(Delivery delivery) {
    byte[] body = delivery.body();
    int maxMessageBytes = config.maxMessageBytes();
    if (body.length > maxMessageBytes) {
      return Received.poison(delivery, null, "The message is " + body.length + " bytes long, more than"
          + " maxMessageBytes (" + maxMessageBytes + "); it was parked undecoded", null);
    }
    Envelope envelope;
    try {
      envelope = delivery.envelope();
    } catch (CodecException e) {
      return Received.poison(delivery, null, e.getMessage(), e);
    }
    List<MessageDispatcher> dispatchers = handlers.of(envelope.wireName());
    if (dispatchers == null) {
      if (config.unknownTypes() == UnknownTypePolicy.IGNORE) {
        return Received.handled(delivery, envelope, null);
      }
      return Received.poison(delivery, envelope, "Subscriber '" + consumerId + "' has no handler for wire name '"
          + envelope.wireName() + "' (it handles " + new TreeSet<>(handlers.wireNames()) + "). Deploy a"
          + " handler and replay the dead letter, or configure unknownTypes(IGNORE) to skip such messages", null);
    }
    Received r = Received.handled(delivery, envelope, dispatchers);
    r.staleAge = MessageAge.beyondRetention(delivery, config.clock(), config.cleanupRetention());
    r.expiredAt = envelope.expiredAt(config.clock().instant());
    return r;
  }
}
