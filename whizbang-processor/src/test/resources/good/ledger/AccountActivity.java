package ledger;

import io.whizbang.annotations.Applies;
import io.whizbang.annotations.EventSourced;

/** Mutable state with an explicit category: appliers change it in place. */
@EventSourced(category = "ledger.activity")
public final class AccountActivity {
  private int deposits;

  public static AccountActivity initial(String id) {
    return new AccountActivity();
  }

  @Applies
  void count(MoneyDeposited event) {
    deposits++;
  }

  public int deposits() {
    return deposits;
  }
}
