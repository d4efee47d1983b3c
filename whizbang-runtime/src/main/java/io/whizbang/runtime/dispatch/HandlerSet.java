package io.whizbang.runtime.dispatch;

import java.util.List;

/**
 * The handler instances of one service, bound to their generated dispatchers. Built by the generated module's
 * typed factory ({@code WhizbangModule_Shipping.handlers(new ShippingHandlers(...))}), so a missing handler
 * instance is a compile error.
 */
public interface HandlerSet {
  List<MessageDispatcher> dispatchers();

  static HandlerSet of(List<MessageDispatcher> dispatchers) {
    List<MessageDispatcher> copy = List.copyOf(dispatchers);
    return () -> copy;
  }
}
