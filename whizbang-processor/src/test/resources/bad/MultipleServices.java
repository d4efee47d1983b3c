package test;

import io.whizbang.annotations.WhizbangService;

@WhizbangService(name = "orders", owns = "orders")
public final class MultipleServices {
  @WhizbangService(name = "shipping", owns = "shipping")
  static final class Another {}
}
