package io.whizbang.annotations;

/**
 * A message that crosses service boundaries. Never implemented directly: a message type is either a
 * {@link Command} or an {@link Event}, and is owned by exactly one domain ({@link OwnedBy}).
 */
public sealed interface Message permits Command, Event {}
