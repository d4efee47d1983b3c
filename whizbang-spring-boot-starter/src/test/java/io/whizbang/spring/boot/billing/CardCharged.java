package io.whizbang.spring.boot.billing;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;
import java.util.UUID;

/** A charge went through; one account's charges keep their order. */
public record CardCharged(@PartitionKey String account, UUID chargeId, long cents) implements Event {}
