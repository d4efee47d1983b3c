package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;

@OwnedBy("orders")
public record RawCollection(String id, @SuppressWarnings("rawtypes") java.util.List items) implements Event {}
