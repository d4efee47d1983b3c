package io.whizbang.samples.quickstart.codec;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.PartitionKey;

/** A small command with a primitive partition key and a required field, for the malformed-input tests. */
public record Small(@PartitionKey long id, String name, int count, @Nullable String comment) implements Command {}
