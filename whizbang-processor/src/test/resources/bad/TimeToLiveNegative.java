package test;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.TimeToLive;

@OwnedBy("orders")
@TimeToLive("-PT5M")
public record TimeToLiveNegative(String id) implements Command {}
