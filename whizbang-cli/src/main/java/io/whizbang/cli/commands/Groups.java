package io.whizbang.cli.commands;

import picocli.CommandLine.Command;

/** The commands that only group others. */
public final class Groups {
  private Groups() {}

  @Command(name = "outbox", mixinStandardHelpOptions = true,
      description = "The outbox: messages waiting to be published, and those the broker refused (dead letters).")
  public static final class Outbox extends Group {}

  @Command(name = "inbox", mixinStandardHelpOptions = true,
      description = "The subscribers' inboxes: rows kept for deduplication, and messages parked (dead letters).")
  public static final class Inbox extends Group {}

  @Command(name = "projection", mixinStandardHelpOptions = true,
      description = "The projections' stored progress: show it, rewind it (reset) or forget it (rebuild).")
  public static final class Projection extends Group {}

  @Command(name = "feed", mixinStandardHelpOptions = true, description = "A service's HTTP event feed.")
  public static final class Feed extends Group {}

  @Command(name = "dead-letters", mixinStandardHelpOptions = true,
      description = "List, show, replay or discard dead letters.")
  public static final class DeadLetters extends Group {}
}
