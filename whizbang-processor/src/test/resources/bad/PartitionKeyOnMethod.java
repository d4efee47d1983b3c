package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.PartitionKey;

@OwnedBy("orders")
public record PartitionKeyOnMethod(String region, String id) implements Event {
  @PartitionKey
  public String key() {
    return region + "/" + id;
  }
}
