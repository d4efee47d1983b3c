package test;

/** 'dueDays' is new and required: events written before it lack it. */
@io.whizbang.annotations.OwnedBy("billing")
public record Invoiced(
    @io.whizbang.annotations.PartitionKey String id,
    long cents,
    int dueDays) implements io.whizbang.annotations.Event {}
