package io.whizbang.runtime.testfixtures;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import java.util.Set;

/** Stand-in for the generated dispatcher of a projection "order-analytics" folding the "orders" domain. */
public final class OrderAnalyticsFixtureDispatcher implements ProjectionDispatcher {
  public static final String NAME = "order-analytics";

  private final Journal journal;

  public OrderAnalyticsFixtureDispatcher(Journal journal) {
    this.journal = journal;
  }

  @Override
  public String projectionName() {
    return NAME;
  }

  @Override
  public String sourceDomain() {
    return "orders";
  }

  @Override
  public String handlerName() {
    return "order-analytics-projection";
  }

  @Override
  public Set<String> wireNames() {
    return Set.of("orders.OrderPlaced");
  }

  @Override
  public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
    if (!envelope.wireName().equals("orders.OrderPlaced")) {
      throw new UnknownMessageTypeException(handlerName() + " does not handle " + envelope.wireName());
    }
    journal.add(NAME, envelope, FixtureCodecs.read(FixtureCodecs.ORDER_PLACED, envelope.payload()));
  }
}
