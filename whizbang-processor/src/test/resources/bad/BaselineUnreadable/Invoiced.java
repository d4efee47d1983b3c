package test;

/** Compared with a baseline folder whose file is cut short. */
@io.whizbang.annotations.OwnedBy("billing")
public record Invoiced(@io.whizbang.annotations.PartitionKey String id) implements io.whizbang.annotations.Event {}
