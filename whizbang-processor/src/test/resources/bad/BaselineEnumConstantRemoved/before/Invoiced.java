package test;

@io.whizbang.annotations.OwnedBy("billing")
public record Invoiced(@io.whizbang.annotations.PartitionKey String id, Currency currency)
    implements io.whizbang.annotations.Event {

  public enum Currency { EUR, USD, CHF }
}
