package io.whizbang.samples.shop.orders;

import io.whizbang.annotations.Event;
import io.whizbang.runtime.aggregate.AggregateType;
import io.whizbang.runtime.module.MessageKind;
import io.whizbang.runtime.module.MessageType;
import java.util.ArrayList;
import java.util.List;

/** How an {@link Order} is rebuilt from its stream ({@code orders.Order-<id>}); plain calls, no reflection. */
final class OrderAggregate implements AggregateType<Order> {

  private static final List<MessageType<? extends Event>> EVENT_TYPES = eventTypesOf(new WhizbangModule_Orders());

  @Override
  public String category() {
    return "orders.Order";
  }

  @Override
  public Order initial(String id) {
    return Order.empty(id);
  }

  @Override
  public Order apply(Order state, Event event) {
    if (event instanceof OrderPlaced e) {
      return state.on(e);
    }
    if (event instanceof OrderCancelled e) {
      return state.on(e);
    }
    throw new IllegalArgumentException("Order does not apply " + event.getClass().getName());
  }

  @Override
  public List<MessageType<? extends Event>> eventTypes() {
    return EVENT_TYPES;
  }

  @SuppressWarnings("unchecked") // the generated module declares events with kind EVENT and an Event java type
  private static List<MessageType<? extends Event>> eventTypesOf(WhizbangModule_Orders module) {
    List<MessageType<? extends Event>> events = new ArrayList<>();
    for (MessageType<?> t : module.messageTypes()) {
      if (t.kind() == MessageKind.EVENT) {
        events.add((MessageType<? extends Event>) t);
      }
    }
    return List.copyOf(events);
  }
}
