package test;

import io.whizbang.annotations.WireName;

@WireName("orders.OrderPlaced")
public record WireNameOnNonMessage(String id) {}
