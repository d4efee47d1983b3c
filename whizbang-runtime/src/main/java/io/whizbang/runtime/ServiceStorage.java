package io.whizbang.runtime;

import io.whizbang.runtime.internal.metrics.ServiceMetrics;
import io.whizbang.runtime.internal.tracing.TracedRelays;
import io.whizbang.runtime.internal.tracing.Tracing;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.outbox.ScheduledOutbox;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Transport;
import java.util.concurrent.ThreadFactory;

/**
 * The transactional part of a service built with {@code storage(...)}; {@code relayConfig} null: no relay;
 * {@code relayThreads} null: the relay takes the storage's threads.
 */
record ServiceStorage(SqlStorage storage, RelayConfig relayConfig, ThreadFactory relayThreads, Outbox outbox,
    ScheduledOutbox scheduled, Tracing tracing) {

  /** A relay of the outbox on {@code transport}, reporting to {@code metrics} and the traces; not started. */
  Relay relay(Transport transport, RelayConfig config, ServiceMetrics metrics) {
    Relay r = relayThreads == null ? new Relay(storage, transport, config)
        : new Relay(storage, transport, config, relayThreads);
    metrics.relay(r);
    TracedRelays.trace(r, tracing);
    return r;
  }
}
