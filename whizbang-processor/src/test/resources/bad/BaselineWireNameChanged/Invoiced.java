package test;

/** Its wire name changed. */
@io.whizbang.annotations.OwnedBy("billing")
@io.whizbang.annotations.WireName("billing.InvoiceIssued")
public record Invoiced(@io.whizbang.annotations.PartitionKey String id) implements io.whizbang.annotations.Event {}
