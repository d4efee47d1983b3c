package io.whizbang.runtime.module;

/** Whether a message type is routed to its owner (command) or broadcast from it (event). */
public enum MessageKind {
  COMMAND,
  EVENT
}
