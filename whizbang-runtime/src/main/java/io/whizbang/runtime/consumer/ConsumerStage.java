package io.whizbang.runtime.consumer;

/**
 * One step of consuming a message, wrapped around the next ones like a decorator. The standard chain is
 * failure handling → decoding → (stages added with {@code Whizbang.builder().consumerStage(...)}, such as the
 * inbox transaction) → dispatch to the handlers. A stage may act before and after {@code next.proceed}, replace its
 * outcome, or not call it at all (a duplicate the inbox recognised).
 *
 * <pre>{@code
 * ConsumerStage timing = (message, next) -> {
 *   long start = System.nanoTime();
 *   try { return next.proceed(message); } finally { metrics.record(System.nanoTime() - start); }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ConsumerStage {

  /**
   * Processes {@code message}; returns how the delivery is to be settled. An exception travels outwards to the
   * failure handling stage, which releases the delivery for a retry.
   */
  Disposition process(Incoming message, Chain next) throws Exception;

  /** The rest of the chain after a stage. */
  @FunctionalInterface
  interface Chain {
    Disposition proceed(Incoming message) throws Exception;
  }
}
