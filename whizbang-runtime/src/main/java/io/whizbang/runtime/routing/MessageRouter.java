package io.whizbang.runtime.routing;

import io.whizbang.runtime.WhizbangConfigurationException;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import io.whizbang.runtime.transport.Destination;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every message type the registered modules declare, looked up by Java type (to send) or by wire name (to
 * receive), and the destination each is routed to: a command to its owning domain's command queue, an event to its
 * owning domain's event stream.
 *
 * <pre>{@code
 * MessageRouter router = MessageRouter.of(List.of(new WhizbangModule_Orders()));
 * Destination d = router.destinationOf(router.typeOf(new PlaceOrder(...)));
 * }</pre>
 */
public final class MessageRouter {

  private final Map<Class<?>, MessageType<?>> byJavaType;
  private final Map<String, MessageType<?>> byWireName;
  private final Map<String, String> moduleOfWireName;

  private MessageRouter(Map<Class<?>, MessageType<?>> byJavaType, Map<String, MessageType<?>> byWireName,
      Map<String, String> moduleOfWireName) {
    this.byJavaType = byJavaType;
    this.byWireName = byWireName;
    this.moduleOfWireName = moduleOfWireName;
  }

  /**
   * Indexes the modules' message types.
   *
   * @throws WhizbangConfigurationException when two modules declare the same wire name or Java type differently
   */
  public static MessageRouter of(Collection<? extends WhizbangModule> modules) {
    Map<Class<?>, MessageType<?>> byJavaType = new HashMap<>();
    Map<String, MessageType<?>> byWireName = new LinkedHashMap<>();
    Map<String, String> moduleOf = new HashMap<>();
    for (WhizbangModule module : modules) {
      for (MessageType<?> type : module.messageTypes()) {
        MessageType<?> earlier = byWireName.get(type.wireName());
        if (earlier != null) {
          if (sameDeclaration(earlier, type)) {
            continue; // One message library reached through two modules: the same declaration twice.
          }
          throw new WhizbangConfigurationException("Duplicate wire name '" + type.wireName() + "': module '"
              + moduleOf.get(type.wireName()) + "' declares it for " + earlier.javaType().getName()
              + " and module '" + module.name() + "' for " + type.javaType().getName()
              + ". Wire names must be unique across every module of a service; rename one with @WireName.");
        }
        MessageType<?> sameClass = byJavaType.get(type.javaType());
        if (sameClass != null) {
          throw new WhizbangConfigurationException(type.javaType().getName() + " is declared twice, as '"
              + sameClass.wireName() + "' (module '" + moduleOf.get(sameClass.wireName()) + "') and as '"
              + type.wireName() + "' (module '" + module.name() + "'). Register each module once, and compile "
              + "each message type in one module only.");
        }
        byWireName.put(type.wireName(), type);
        byJavaType.put(type.javaType(), type);
        moduleOf.put(type.wireName(), module.name());
      }
    }
    return new MessageRouter(Map.copyOf(byJavaType), byWireName, Map.copyOf(moduleOf));
  }

  private static boolean sameDeclaration(MessageType<?> a, MessageType<?> b) {
    return a.javaType() == b.javaType() && a.domain().equals(b.domain()) && a.kind() == b.kind();
  }

  /**
   * The message type of {@code message}.
   *
   * @throws UnknownMessageTypeException when no registered module declares the message's class
   */
  @SuppressWarnings("unchecked")
  public <T> MessageType<T> typeOf(T message) {
    MessageType<?> type = byJavaType.get(message.getClass());
    if (type == null) {
      throw new UnknownMessageTypeException("No registered module declares " + message.getClass().getName()
          + ". Give it an owner with @OwnedBy, compile it with the Whizbang annotation processor, and register "
          + "the generated module: Whizbang.builder().module(new WhizbangModule_...()) or "
          + ".modulesFromClasspath(). Registered types: " + knownTypesSummary());
    }
    return (MessageType<T>) type;
  }

  /** The message type registered under {@code wireName}, if any. */
  public Optional<MessageType<?>> byWireName(String wireName) {
    return Optional.ofNullable(byWireName.get(wireName));
  }

  /** The name of the module that declared {@code wireName}, for error messages. */
  public Optional<String> moduleOf(String wireName) {
    return Optional.ofNullable(moduleOfWireName.get(wireName));
  }

  /** Every registered message type, in registration order. */
  public List<MessageType<?>> types() {
    return List.copyOf(byWireName.values());
  }

  /** Commands go to the owning domain's command queue; events to the owning domain's event stream. */
  public Destination destinationOf(MessageType<?> type) {
    return type.kind() == MessageType.Kind.COMMAND ? Destination.commands(type.domain()) : Destination.events(type.domain());
  }

  private String knownTypesSummary() {
    if (byWireName.isEmpty()) {
      return "none (no module registered)";
    }
    List<String> names = new ArrayList<>(byWireName.keySet());
    return names.size() <= 10 ? names.toString() : names.subList(0, 10) + " and " + (names.size() - 10) + " more";
  }
}
