package test;

/** Its owning domain changed (the wire name stayed). */
@io.whizbang.annotations.OwnedBy("accounts")
@io.whizbang.annotations.WireName("billing.Invoiced")
public record Invoiced(@io.whizbang.annotations.PartitionKey String id) implements io.whizbang.annotations.Event {}
