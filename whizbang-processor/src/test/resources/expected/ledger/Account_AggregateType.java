package ledger;

import io.whizbang.annotations.Event;
import io.whizbang.runtime.aggregate.AggregateType;
import io.whizbang.runtime.module.MessageType;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Rebuilds {@link Account} from its stream ({@code ledger.Account-<id>}): each event is passed to its
 * {@code @Applies} method by a plain call. Pass it to an {@code AggregateRepository}.
 */
@Generated("io.whizbang.processor.WhizbangProcessor")
public final class Account_AggregateType implements AggregateType<Account> {
  private static final List<MessageType<? extends Event>> EVENT_TYPES = List.of(
      MessageType.event("ledger.AccountOpened", "ledger", AccountOpened.class, AccountOpened_JsonCodec.INSTANCE, AccountOpened::accountId),
      MessageType.event("ledger.MoneyDeposited", "ledger", MoneyDeposited.class, MoneyDeposited_JsonCodec.INSTANCE, MoneyDeposited::accountId),
      MessageType.event("ledger.AccountClosed", "ledger", AccountClosed.class, AccountClosed_JsonCodec.INSTANCE, message -> null));

  @Override
  public String category() {
    return "ledger.Account";
  }

  @Override
  public Account initial(String id) {
    return Account.initial(id);
  }

  @Override
  public Account apply(Account state, Event event) {
    if (event instanceof AccountOpened e) {
      return state.on(e);
    }
    if (event instanceof MoneyDeposited e) {
      return state.on(e);
    }
    if (event instanceof AccountClosed e) {
      return state.on(e);
    }
    throw new IllegalArgumentException("Account has no @Applies method for " + event.getClass().getName());
  }

  @Override
  public List<MessageType<? extends Event>> eventTypes() {
    return EVENT_TYPES;
  }
}
