package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;

@OwnedBy("orders")
public record GeneratedNameClash(String id, Line line, GeneratedNameClash_Line other) implements Event {
  public record Line(String sku) {}
}

record GeneratedNameClash_Line(String sku) {}
