package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One handler call of a lane, the same in every transport: hand the batch over, then release what the handler left
 * unsettled, at once when it returned and after the failure delay when it threw. A throwing handler is logged and
 * never kills its lane.
 */
public final class HandlerCalls {

  private static final Logger LOG = LoggerFactory.getLogger(HandlerCalls.class);

  private HandlerCalls() {}

  /**
   * @param where names the lane in the log line of a failing handler
   * @return whether the handler returned normally
   */
  public static boolean handOver(DeliveryHandler handler, List<? extends SettlingDelivery> batch,
      Duration failureDelay, String where) {
    Duration unsettled = Duration.ZERO;
    boolean returned = true;
    try {
      handler.handle(List.<Delivery>copyOf(batch));
    } catch (Throwable e) { // anything, or the lane would die with deliveries in hand
      LOG.warn("{}: the handler failed on a batch of {}; its unsettled messages are released for redelivery after"
          + " {}", where, batch.size(), failureDelay, e);
      unsettled = failureDelay;
      returned = false;
    }
    for (SettlingDelivery d : batch) {
      d.releaseIfOpen(unsettled);
    }
    return returned;
  }
}
