package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;

@OwnedBy("orders")
public record UnsupportedFieldType(String id, java.io.File attachment) implements Event {}
