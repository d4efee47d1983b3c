package test;

import io.whizbang.annotations.Projection;

@Projection(name = "order-list", source = "orders")
public final class ProjectionWithoutHandlers {
  void on(Object event) {}
}
