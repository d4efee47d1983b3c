package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;
import java.util.Map;

@OwnedBy("orders")
public record UnsupportedMapKey(String id, Map<Double, String> pricesByWeight) implements Event {}
