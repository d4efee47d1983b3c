/** Outbox, relay and event-store harnesses against plain SQL baselines on the same PostgreSQL database. */
package io.whizbang.benchmarks.storage;
