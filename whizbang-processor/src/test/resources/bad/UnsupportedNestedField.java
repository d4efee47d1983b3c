package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;
import java.util.List;

@OwnedBy("orders")
public record UnsupportedNestedField(String id, List<Line> lines) implements Event {
  public record Line(String sku, Object extra) {}
}
