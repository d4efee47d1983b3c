package io.whizbang.kafka;

import io.whizbang.runtime.transport.Destination;
import java.util.Collection;

/**
 * What the publisher needs from topic management: the name of a destination's topic, its existence and the size of
 * record it takes.
 */
interface TopicResolver {

  String nameOf(Destination destination);

  /** Returns once every topic exists; a missing one is created or reported as {@link MissingTopicException}. */
  void ensure(Collection<String> topics);

  /**
   * The largest record batch the topic takes (its {@code max.message.bytes}), as read when it was ensured;
   * {@code reread} asks the broker again, for an operator may have raised it since. Unknown: no limit.
   */
  default int maxMessageBytes(String topic, boolean reread) {
    return Integer.MAX_VALUE;
  }
}
