package test;

/** CHF was removed from Currency: stored events that carry it cannot be read. */
@io.whizbang.annotations.OwnedBy("billing")
public record Invoiced(
    @io.whizbang.annotations.PartitionKey String id,
    Currency currency) implements io.whizbang.annotations.Event {

  public enum Currency { EUR, USD }
}
