package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.WireName;

@OwnedBy("orders")
@WireName("orders.Order\u200bPlaced")
public record InvisibleWireName(String id) implements Event {}
