package ledger;

import io.whizbang.annotations.Event;

public record AccountClosed(String accountId, String reason) implements Event {}
