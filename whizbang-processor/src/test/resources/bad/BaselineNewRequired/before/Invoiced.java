package test;

@io.whizbang.annotations.OwnedBy("billing")
public record Invoiced(@io.whizbang.annotations.PartitionKey String id, long cents)
    implements io.whizbang.annotations.Event {}
