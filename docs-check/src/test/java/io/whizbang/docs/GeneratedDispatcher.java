package io.whizbang.docs;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import java.util.Set;

/**
 * Stands, in a block's {@code given}, for a dispatcher the processor generates from a handler class the block
 * declares ({@code class OrderTotals_Dispatcher extends io.whizbang.docs.GeneratedDispatcher {...}}): the blocks
 * compile without the processor, which judges a whole service's compilation, not a page's fragments.
 */
public class GeneratedDispatcher implements ProjectionDispatcher {
  @Override
  public String handlerName() {
    throw new UnsupportedOperationException("compiled, never run");
  }

  @Override
  public Set<String> wireNames() {
    throw new UnsupportedOperationException("compiled, never run");
  }

  @Override
  public void dispatch(Envelope envelope, HandlerContext context) {
    throw new UnsupportedOperationException("compiled, never run");
  }

  @Override
  public String projectionName() {
    throw new UnsupportedOperationException("compiled, never run");
  }

  @Override
  public String sourceDomain() {
    throw new UnsupportedOperationException("compiled, never run");
  }
}
