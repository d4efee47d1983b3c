package ledger;

import io.whizbang.annotations.Applies;
import io.whizbang.annotations.EventSourced;

/** Immutable state: each applier returns the next value. */
@EventSourced
public record Account(String id, String owner, long balance, boolean open) {

  static Account initial(String id) {
    return new Account(id, null, 0, false);
  }

  @Applies
  Account on(AccountOpened event) {
    return new Account(id, event.owner(), balance, true);
  }

  @Applies
  Account on(MoneyDeposited event) {
    return new Account(id, owner, balance + event.cents(), open);
  }

  @Applies
  Account on(AccountClosed event) {
    return new Account(id, owner, balance, false);
  }
}
