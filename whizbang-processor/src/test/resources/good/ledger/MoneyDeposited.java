package ledger;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;

public record MoneyDeposited(@PartitionKey String accountId, long cents) implements Event {}
