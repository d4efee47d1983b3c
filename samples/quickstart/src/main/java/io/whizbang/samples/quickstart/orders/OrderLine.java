package io.whizbang.samples.quickstart.orders;

import java.math.BigDecimal;

/** One line of an order: contained in messages, so it gets a codec of its own. */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {
  public BigDecimal total() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }
}
