package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;

@OwnedBy("orders")
public record MessageGeneric<T>(String orderId, T details) implements Event {}
