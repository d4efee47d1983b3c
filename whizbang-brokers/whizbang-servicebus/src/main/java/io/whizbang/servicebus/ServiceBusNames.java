package io.whizbang.servicebus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The entity names of one prefix, checked against Service Bus's rules so that a bad name fails here with the rule,
 * not later with a broker error:
 *
 * <ul>
 *   <li>events of domain D: topic {@code <prefix>.D.events};
 *   <li>commands of domain D: queue {@code <prefix>.D.commands};
 *   <li>subscriber S on a domain's topic: subscription {@code S}, with one correlation rule per wire name, matching
 *       the application property {@code wb-type};
 *   <li>poison: the entity's own dead-letter sub-queue ({@code <entity>/$DeadLetterQueue}).
 * </ul>
 *
 * Queue and topic names: up to 260 characters; subscription and rule names: up to 50; letters, digits, '.', '-' and
 * '_', starting and ending with a letter or digit. Session ids (partition keys): up to 128 characters; a longer key
 * becomes a hash of itself.
 */
public final class ServiceBusNames {

  static final int MAX_ENTITY = 260;
  static final int MAX_SUBSCRIPTION = 50;
  static final int MAX_RULE = 50;
  static final int MAX_SESSION_ID = 128;
  private static final int MAX_PREFIX = 100;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final String prefix;

  ServiceBusNames(String prefix) {
    checkPrefix(prefix);
    this.prefix = prefix;
  }

  static void checkPrefix(String value) {
    if (value == null || value.length() > MAX_PREFIX || !PREFIX.matcher(value).matches()) {
      throw new ServiceBusConfigException("namePrefix must be 1 to " + MAX_PREFIX + " letters, digits, '.', '-' or"
          + " '_', starting with a letter or digit (Service Bus entity names), was '" + value + "'");
    }
  }

  public String prefix() {
    return prefix;
  }

  /** The topic of {@code domain}'s events. */
  public String topic(String domain) {
    return entity(prefix + "." + part("domain", domain) + ".events");
  }

  /** The queue of {@code domain}'s commands. */
  public String commandQueue(String domain) {
    return entity(prefix + "." + part("domain", domain) + ".commands");
  }

  /** The subscription of {@code subscriberId} on a domain's topic. */
  public String subscription(String subscriberId) {
    String name = part("subscriber id", subscriberId);
    if (name.length() > MAX_SUBSCRIPTION || !NAME.matcher(name).matches()) {
      throw new ServiceBusConfigException("subscriber id '" + subscriberId + "' cannot name a Service Bus"
          + " subscription: at most " + MAX_SUBSCRIPTION + " letters, digits, '.', '-' or '_', starting and ending"
          + " with a letter or digit; choose a shorter service or projection name");
    }
    return name;
  }

  /**
   * The name of the rule that lets {@code wireName} into a subscription: the wire name itself when it is a valid rule
   * name, else its valid characters shortened, with a hash of the whole wire name so that two never share a name.
   */
  public static String rule(String wireName) {
    if (wireName.length() <= MAX_RULE && NAME.matcher(wireName).matches() && !wireName.startsWith("$")) {
      return wireName;
    }
    String kept = wireName.replaceAll("[^A-Za-z0-9._-]", "-");
    kept = kept.substring(0, Math.min(kept.length(), MAX_RULE - 9)).replaceAll("^[^A-Za-z0-9]+", "");
    return (kept.isEmpty() ? "wb" : kept) + "-" + hash(wireName).substring(0, 8);
  }

  /**
   * The session id of a partition key: the key itself up to 128 characters, else {@code wb-sha256-<hex>} of it (the
   * delivery still carries the full key, from the {@code wb-partition-key} application property).
   */
  public static String sessionId(String partitionKey) {
    return partitionKey.length() <= MAX_SESSION_ID ? partitionKey : "wb-sha256-" + hash(partitionKey);
  }

  private static String entity(String name) {
    if (name.length() > MAX_ENTITY || !NAME.matcher(name).matches()) {
      throw new ServiceBusConfigException("'" + name + "' is not a valid Service Bus queue or topic name: at most "
          + MAX_ENTITY + " letters, digits, '.', '-' or '_', starting and ending with a letter or digit ("
          + name.length() + " characters); choose a shorter namePrefix or domain name");
    }
    return name;
  }

  private static String part(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new ServiceBusConfigException("a " + what + " must not be blank");
    }
    if (!NAME.matcher(value).matches()) {
      throw new ServiceBusConfigException("the " + what + " '" + value + "' has characters Service Bus names do not"
          + " allow: only letters, digits, '.', '-' or '_', starting and ending with a letter or digit");
    }
    return value;
  }

  private static String hash(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
