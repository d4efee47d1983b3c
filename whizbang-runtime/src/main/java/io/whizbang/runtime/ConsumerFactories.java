package io.whizbang.runtime;

import io.whizbang.runtime.consumer.ConsumerFactory;
import io.whizbang.runtime.consumer.ConsumerPipeline;
import io.whizbang.runtime.consumer.ConsumerStage;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.internal.inbox.OutgoingFactory;
import io.whizbang.runtime.internal.metrics.ServiceMetrics;
import io.whizbang.runtime.internal.tracing.Tracing;
import io.whizbang.runtime.outgoing.MessagePublisher;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.TransportLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * The consumers a built service makes for each of its subscriptions: the standard pipeline (at least once, handler
 * output published directly), or, for a service with storage, the inbox-guarded consumer.
 */
final class ConsumerFactories {
  private ConsumerFactories() {}

  /** The standard consumer: retries with backoff, confirms the handlers' output, passes {@code stages}. */
  static ConsumerFactory standard(MessagePublisher publisher, Duration initialBackoff, Duration maxBackoff,
      Duration publishTimeout, List<ConsumerStage> stages, Tracing tracing) {
    List<ConsumerStage> extra = List.copyOf(stages);
    return spec -> {
      ConsumerPipeline.Builder b = ConsumerPipeline.builder(spec.subscriberId()).dispatchers(spec.dispatchers())
          .envelopeFactory(spec.envelopes()).publisher(publisher).retryBackoff(initialBackoff, maxBackoff)
          .publishTimeout(publishTimeout);
      if (!tracing.isNoop()) {
        b.tracing(tracing.consumer(spec.subscriberId(), spec.sources()));
      }
      extra.forEach(b::stage);
      return b.build();
    };
  }

  /**
   * The inbox-guarded consumer on {@code storage}, each with {@code config}; {@code threads} null: the cleaners
   * take the storage's threads.
   */
  static ConsumerFactory inboxGuarded(SqlStorage storage, InboxConfig config, TransportLimits limits,
      ServiceMetrics metrics, Tracing tracing, ThreadFactory threads) {
    return spec -> {
      InboxConsumer.Builder builder = InboxConsumer.builder(storage, spec.subscriberId())
          .dispatchers(spec.dispatchers())
          .outgoing(OutgoingFactory.from(spec.envelopes()))
          .limits(limits)
          .tracing(tracing, spec.sources())
          .config(config)
          .handlerTimer(metrics.handlerTimer(spec.subscriberId()));
      return (threads != null ? builder.threads(threads) : builder).build();
    };
  }
}
