/**
 * Axon Framework 4.13 measured side by side with Whizbang on the same PostgreSQL: event-store append, catch-up of a
 * projection from the start, and commit-to-handler latency of a live event. See {@link
 * io.whizbang.benchmarks.axon.AxonComparison}.
 */
package io.whizbang.benchmarks.axon;
