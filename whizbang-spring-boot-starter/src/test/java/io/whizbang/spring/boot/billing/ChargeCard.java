package io.whizbang.spring.boot.billing;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.PartitionKey;
import java.util.UUID;

/** Charges a card; a negative amount makes the handler fail after its insert. */
public record ChargeCard(@PartitionKey UUID chargeId, long cents) implements Command {}
