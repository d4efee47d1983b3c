package test;

import io.whizbang.annotations.Handles;

public final class HandlerParameterNotMessage {
  @Handles
  void on(String notAMessage) {}
}
