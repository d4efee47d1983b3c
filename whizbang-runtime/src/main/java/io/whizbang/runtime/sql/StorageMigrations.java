package io.whizbang.runtime.sql;

import java.util.List;

/**
 * The runtime's schema, step by step. New tables (the inbox, projection checkpoints) are added here as new
 * versions; an applied version is never edited.
 */
public final class StorageMigrations {
  private StorageMigrations() {}

  /** Every step, in version order. */
  public static List<Migration> all() {
    return List.of(
        new Migration(1, "event store", StorageMigrations::eventStore),
        new Migration(2, "outbox, partitions and dead letters", StorageMigrations::outbox),
        new Migration(3, "inbox and consumer dead letters", StorageMigrations::inbox),
        new Migration(4, "inbox handler runs and parked marker", StorageMigrations::handlerRuns),
        new Migration(5, "outbox index of failed rows", StorageMigrations::outboxHeld),
        new Migration(6, "replay requests on consumer dead letters", StorageMigrations::replayRequests),
        new Migration(7, "scheduled outbox messages", StorageMigrations::outboxScheduled));
  }

  static List<String> eventStore(SqlDialect d, TableNames t) {
    return List.of(
        "create table if not exists " + t.events() + " ("
            + d.identityColumn("position") + ", "
            + "tx_order " + d.txOrderType() + " not null, "
            + "stream_id varchar(200) not null, "
            + "stream_version bigint not null, "
            + "message_id uuid not null, "
            + "wire_name varchar(200) not null, "
            + "domain varchar(100) not null, "
            + "partition_key varchar(200), "
            + "correlation_id uuid not null, "
            + "causation_id uuid, "
            + "occurred_at timestamp with time zone not null, "
            + "headers " + d.textType() + " not null, "
            + "payload " + d.bytesType() + " not null, "
            + "constraint " + t.prefix() + "events_stream_version unique (stream_id, stream_version), "
            + "constraint " + t.prefix() + "events_message_id unique (message_id))",
        // The gap-safe feed reads in (tx_order, position) order.
        "create index if not exists " + t.prefix() + "events_feed on " + t.events() + " (tx_order, position)",
        "create table if not exists " + t.eventLock() + " (id int primary key)",
        "insert into " + t.eventLock() + " (id) select 1 where not exists (select 1 from " + t.eventLock() + ")");
  }

  static List<String> outbox(SqlDialect d, TableNames t) {
    boolean pg = d.name().equals("postgresql");
    return List.of(
        "create table if not exists " + t.outbox() + " ("
            + d.identityColumn("id") + ", "
            + messageColumns(d)
            + "created_at_ms bigint not null, "
            + "attempts int not null default 0, "
            + "next_attempt_at_ms bigint not null default 0, "
            + "last_error varchar(2000), "
            + "published_at_ms bigint, "
            + "constraint " + t.prefix() + "outbox_message_id unique (message_id))",
        // Relays scan unpublished rows in id order; cleanup scans published ones. Partial indexes on PostgreSQL
        // keep both small however many rows wait for cleanup.
        pg ? "create index if not exists " + t.prefix() + "outbox_pending on " + t.outbox()
                + " (id) where published_at_ms is null"
            : "create index if not exists " + t.prefix() + "outbox_pending on " + t.outbox()
                + " (published_at_ms, id)",
        pg ? "create index if not exists " + t.prefix() + "outbox_published on " + t.outbox()
                + " (published_at_ms) where published_at_ms is not null"
            : "select 1",
        "create table if not exists " + t.outboxPartitions() + " ("
            + "partition_no int primary key, "
            + "owner varchar(100), "
            + "lease_until_ms bigint not null default 0, "
            + "epoch bigint not null default 0)",
        "create table if not exists " + t.outboxDeadLetters() + " ("
            + "id bigint primary key, "
            + messageColumns(d)
            + "created_at_ms bigint not null, "
            + "attempts int not null, "
            + "reason varchar(2000) not null, "
            + "parked_at_ms bigint not null)",
        // Live relays announce themselves here, so that a relay holding no partition yet still counts when the
        // others compute their fair share.
        "create table if not exists " + t.outboxRelays() + " ("
            + "relay_id varchar(100) primary key, "
            + "alive_until_ms bigint not null)",
        "create table if not exists " + t.settings() + " (name varchar(64) primary key, val varchar(200) not null)");
  }

  static List<String> inbox(SqlDialect d, TableNames t) {
    return List.of(
        // One row per handled (or parked) message and consumer; the primary key is the deduplication.
        "create table if not exists " + t.table("inbox") + " ("
            + "consumer_id varchar(200) not null, "
            + "message_id uuid not null, "
            + "received_at_ms bigint not null, "
            + "constraint " + t.prefix() + "inbox_pk primary key (consumer_id, message_id))",
        // Cleanup deletes the oldest rows in bounded batches.
        "create index if not exists " + t.prefix() + "inbox_received on " + t.table("inbox") + " (received_at_ms)",
        "create table if not exists " + t.table("consumer_dead_letter") + " ("
            + d.identityColumn("id") + ", "
            + "consumer_id varchar(200) not null, "
            + "message_id uuid not null, "
            + "wire_name varchar(200), "
            + "partition_key varchar(200), "
            + "reason varchar(4000) not null, "
            + "stack_trace varchar(8000), "
            + "body " + d.bytesType() + " not null, "
            + "attempts int not null, "
            + "dead_lettered_at_ms bigint not null)",
        "create index if not exists " + t.prefix() + "consumer_dead_letter_consumer on "
            + t.table("consumer_dead_letter") + " (consumer_id, id)");
  }

  static List<String> handlerRuns(SqlDialect d, TableNames t) {
    return List.of(
        // How many times a consumer's handlers ran a message without success, kept outside the handler's
        // transaction so that it survives the rollback, a restart and a hand-over to another instance. Retries and
        // dead letters are decided from it alone (an attempt is a handler run). Deleted when the message is applied
        // or parked; rows left by messages finished elsewhere are deleted by the inbox cleanup.
        "create table if not exists " + t.table("inbox_attempts") + " ("
            + "consumer_id varchar(200) not null, "
            + "message_id uuid not null, "
            + "runs int not null, "
            + "updated_at_ms bigint not null, "
            + "constraint " + t.prefix() + "inbox_attempts_pk primary key (consumer_id, message_id))",
        "create index if not exists " + t.prefix() + "inbox_attempts_updated on " + t.table("inbox_attempts")
            + " (updated_at_ms)",
        // Marks the inbox rows written when a message was parked: only such a row may be replaced by a replay of
        // the dead letter; a row written by handling the message means it was applied.
        "alter table " + t.table("inbox") + " add column if not exists parked boolean default false not null");
  }

  static List<String> outboxHeld(SqlDialect d, TableNames t) {
    boolean pg = d.name().equals("postgresql");
    // The relay's pending query skips the rows behind a row waiting for its retry; this index finds those waiting
    // rows of a key. On PostgreSQL it holds only failed unpublished rows, so it stays tiny.
    return List.of(pg
        ? "create index if not exists " + t.prefix() + "outbox_held on " + t.outbox()
            + " (partition_key, id) where published_at_ms is null and attempts > 0"
        : "create index if not exists " + t.prefix() + "outbox_held on " + t.outbox()
            + " (partition_key, attempts, id)");
  }

  static List<String> replayRequests(SqlDialect d, TableNames t) {
    // Set by an operator (Operations.requestInboxReplay) who cannot run the subscriber's handlers; the running
    // subscriber replays the marked dead letters itself, through its handlers, and clears the mark.
    return List.of("alter table " + t.table("consumer_dead_letter")
        + " add column if not exists replay_requested_at_ms bigint");
  }

  static List<String> outboxScheduled(SqlDialect d, TableNames t) {
    // Messages sent for later: the relay of a partition moves the due ones (by due time, then id) into the outbox,
    // so that the outbox's pending query never sees a row that is not due. Deleting a row cancels it.
    return List.of(
        "create table if not exists " + t.outboxScheduled() + " ("
            + d.identityColumn("id") + ", "
            + messageColumns(d)
            + "due_at_ms bigint not null, "
            + "created_at_ms bigint not null, "
            + "constraint " + t.prefix() + "outbox_scheduled_message_id unique (message_id))",
        "create index if not exists " + t.prefix() + "outbox_scheduled_due on " + t.outboxScheduled()
            + " (partition_no, due_at_ms, id)");
  }

  /** The columns of an outgoing message, the same in the outbox, its dead letters and its schedule. */
  private static String messageColumns(SqlDialect d) {
    return "message_id uuid not null, "
        + "destination_kind varchar(16) not null, "
        + "destination_domain varchar(100) not null, "
        + "partition_key varchar(200), "
        + "partition_no int not null, "
        + "wire_name varchar(200) not null, "
        + "priority int not null, "
        + "headers " + d.textType() + " not null, "
        + "body " + d.bytesType() + " not null, ";
  }
}
