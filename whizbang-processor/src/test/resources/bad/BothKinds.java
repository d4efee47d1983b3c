package test;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;

@OwnedBy("orders")
public record BothKinds(String id) implements Command, Event {}
