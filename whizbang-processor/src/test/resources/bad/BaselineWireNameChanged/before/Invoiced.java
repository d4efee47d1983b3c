package test;

@io.whizbang.annotations.OwnedBy("billing")
@io.whizbang.annotations.WireName("billing.Invoiced")
public record Invoiced(@io.whizbang.annotations.PartitionKey String id) implements io.whizbang.annotations.Event {}
