package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;

@OwnedBy("orders")
public record UnresolvedType(String id, NeverGenerated missing) implements Event {}
