package io.whizbang.kafka;

import io.whizbang.runtime.transport.Destination;
import java.util.Collection;

/** What the publisher needs from topic management: the name of a destination's topic, and its existence. */
interface TopicResolver {

  String nameOf(Destination destination);

  /** Returns once every topic exists; a missing one is created or reported as {@link MissingTopicException}. */
  void ensure(Collection<String> topics);
}
