package io.whizbang.runtime.relay;

import io.whizbang.runtime.transport.OutgoingMessage;

/** An unpublished outbox row as claimed by a relay. */
record PendingRow(long id, int partition, int attempts, long nextAttemptAtMillis, OutgoingMessage message) {}
