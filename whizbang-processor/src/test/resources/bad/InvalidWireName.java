package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.WireName;

@OwnedBy("orders")
@WireName("orders placed")
public record InvalidWireName(String id) implements Event {}
