package billing;

import io.whizbang.annotations.Handles;
import billing.orders.OrderShipped;

public final class BillingHandlers {
  @Handles
  void charge(ChargeCustomer command) {}

  @Handles
  void invoice(OrderShipped event) {}
}
