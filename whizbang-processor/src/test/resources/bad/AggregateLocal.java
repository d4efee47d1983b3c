package test;

public final class AggregateLocal {
  void replay() {
    @io.whizbang.annotations.EventSourced
    record Order(String id) {}
  }
}
