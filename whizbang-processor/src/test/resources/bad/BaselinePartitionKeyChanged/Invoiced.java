package test;

/** Partitioned by the customer now, by the invoice before. */
@io.whizbang.annotations.OwnedBy("billing")
public record Invoiced(String id, @io.whizbang.annotations.PartitionKey String customer)
    implements io.whizbang.annotations.Event {}
