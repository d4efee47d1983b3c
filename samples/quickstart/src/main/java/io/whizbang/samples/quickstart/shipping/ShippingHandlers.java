package io.whizbang.samples.quickstart.shipping;

import io.whizbang.annotations.Handles;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.samples.quickstart.orders.OrderLine;
import io.whizbang.samples.quickstart.orders.OrderPlaced;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reacts to orders placed in the orders domain by scheduling their shipment. */
public final class ShippingHandlers {

  @Handles
  void on(OrderPlaced event, HandlerContext context) {
    Map<String, Integer> parcels = new LinkedHashMap<>();
    for (OrderLine line : event.lines()) {
      parcels.merge(line.sku(), line.quantity(), Integer::sum);
    }
    context.publish(new ShipmentScheduled(event.orderId(),
        event.placedAt().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(2), parcels));
  }
}
