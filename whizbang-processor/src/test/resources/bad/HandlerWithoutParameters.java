package test;

import io.whizbang.annotations.Handles;

public final class HandlerWithoutParameters {
  @Handles
  void onNothing() {}
}
