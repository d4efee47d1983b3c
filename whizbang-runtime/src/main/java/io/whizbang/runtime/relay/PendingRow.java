package io.whizbang.runtime.relay;

import io.whizbang.runtime.transport.OutgoingMessage;

/** An unpublished outbox row as claimed by a relay; {@code createdAtMillis} by the database's clock. */
record PendingRow(long id, int partition, int attempts, long nextAttemptAtMillis, long createdAtMillis,
    OutgoingMessage message) {}
