package io.whizbang.runtime.dispatch;

import io.whizbang.runtime.envelope.Envelope;
import java.util.Set;

/**
 * Decodes a message and calls the handler method for its wire name directly. Generated per handler class
 * ({@code ShippingHandlers_Dispatcher}); the runtime wraps the call in the inbox transaction.
 */
public interface MessageDispatcher {

  /** The handler class's name, stable across releases; used in logs and dead letters. */
  String handlerName();

  /** The wire names this dispatcher handles. */
  Set<String> wireNames();

  /**
   * Decodes {@code envelope}'s payload and invokes the matching handler method.
   *
   * @throws io.whizbang.runtime.codec.CodecException when the payload cannot be decoded
   * @throws UnknownMessageTypeException when the wire name is not one of {@link #wireNames()}
   * @throws Exception whatever the handler throws
   */
  void dispatch(Envelope envelope, HandlerContext context) throws Exception;
}
