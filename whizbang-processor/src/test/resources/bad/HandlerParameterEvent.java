package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.Handles;

public final class HandlerParameterEvent {
  @Handles
  void onAnything(Event event) {}
}
