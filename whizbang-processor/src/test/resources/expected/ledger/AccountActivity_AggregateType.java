package ledger;

import io.whizbang.annotations.Event;
import io.whizbang.runtime.aggregate.AggregateType;
import io.whizbang.runtime.module.MessageType;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Rebuilds {@link AccountActivity} from its stream ({@code ledger.activity-<id>}): each event is passed to its
 * {@code @Applies} method by a plain call. Pass it to an {@code AggregateRepository}.
 */
@Generated("io.whizbang.processor.WhizbangProcessor")
public final class AccountActivity_AggregateType implements AggregateType<AccountActivity> {
  private static final List<MessageType<? extends Event>> EVENT_TYPES = List.of(
      MessageType.event("ledger.MoneyDeposited", "ledger", MoneyDeposited.class, MoneyDeposited_JsonCodec.INSTANCE, MoneyDeposited::accountId));

  @Override
  public String category() {
    return "ledger.activity";
  }

  @Override
  public AccountActivity initial(String id) {
    return AccountActivity.initial(id);
  }

  @Override
  public AccountActivity apply(AccountActivity state, Event event) {
    if (event instanceof MoneyDeposited e) {
      state.count(e);
      return state;
    }
    throw new IllegalArgumentException("AccountActivity has no @Applies method for " + event.getClass().getName());
  }

  @Override
  public List<MessageType<? extends Event>> eventTypes() {
    return EVENT_TYPES;
  }
}
