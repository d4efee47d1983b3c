package test;

import io.whizbang.annotations.OwnedBy;

@OwnedBy("orders")
public record OwnedByNonMessage(String id) {}
