package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;

@OwnedBy("Order Service")
public record InvalidDomain(String id) implements Event {}
