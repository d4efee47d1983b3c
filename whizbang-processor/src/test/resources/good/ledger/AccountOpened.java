package ledger;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;

public record AccountOpened(@PartitionKey String accountId, String owner) implements Event {}
