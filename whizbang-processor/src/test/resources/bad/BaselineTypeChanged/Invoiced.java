package test;

/** 'cents' was a long and is a String now. */
@io.whizbang.annotations.OwnedBy("billing")
public record Invoiced(
    @io.whizbang.annotations.PartitionKey String id,
    String cents) implements io.whizbang.annotations.Event {}
