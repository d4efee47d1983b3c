package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.TimeToLive;

@OwnedBy("orders")
@TimeToLive("30 minutes")
public record TimeToLiveNotADuration(String id) implements Event {}
