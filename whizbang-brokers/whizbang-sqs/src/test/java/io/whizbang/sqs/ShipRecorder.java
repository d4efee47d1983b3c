package io.whizbang.sqs;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import java.util.List;
import java.util.Set;

/** The shipping service's handler of {@code orders.Ship} in tests: records the id of each message it applies. */
record ShipRecorder(List<String> applied) implements MessageDispatcher {
  @Override
  public String handlerName() {
    return "ShippingHandlers";
  }

  @Override
  public Set<String> wireNames() {
    return Set.of("orders.Ship");
  }

  @Override
  public void dispatch(Envelope envelope, HandlerContext context) {
    applied.add(envelope.messageId().toString());
  }
}
