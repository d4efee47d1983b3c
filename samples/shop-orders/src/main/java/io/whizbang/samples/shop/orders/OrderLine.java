package io.whizbang.samples.shop.orders;

import java.math.BigDecimal;

/** One line of an order; part of the orders messages, so it gets a generated codec of its own. */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {

  /** The line's value. */
  public BigDecimal total() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }
}
