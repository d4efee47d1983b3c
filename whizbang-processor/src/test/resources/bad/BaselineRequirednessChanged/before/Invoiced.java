package test;

@io.whizbang.annotations.OwnedBy("billing")
public record Invoiced(@io.whizbang.annotations.PartitionKey String id, @Invoiced.Nullable String note)
    implements io.whizbang.annotations.Event {

  @java.lang.annotation.Target(java.lang.annotation.ElementType.RECORD_COMPONENT)
  @interface Nullable {}
}
