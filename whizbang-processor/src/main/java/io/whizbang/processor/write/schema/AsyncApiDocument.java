package io.whizbang.processor.write.schema;

import io.whizbang.processor.model.HandlerClassModel;
import io.whizbang.processor.model.HandlerMethodModel;
import io.whizbang.processor.model.MessageModel;
import io.whizbang.processor.model.ModuleModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the AsyncAPI 3.0 document of a compilation's module: one channel per destination its messages travel on,
 * named as the transports name them ({@code whizbang.<domain>.events}, {@code whizbang.<domain>.commands}), and the
 * operations ownership and handlers imply:
 *
 * <ul>
 *   <li>{@code send} on a domain's events channel for the events of a domain the service owns (it publishes them);
 *   <li>{@code receive} on a domain's commands channel for the commands of a domain it owns (it is their one
 *       consumer);
 *   <li>{@code receive} on a domain's events channel for every event a {@code @Handles} method takes.
 * </ul>
 *
 * <p>Commands this service sends to another domain are not declared anywhere the processor can see (they are sent
 * through the HandlerContext), so they appear as no operation. Message ids are the wire names; each message's
 * payload refers to its schema file, {@code schemas/<wire name>.schema.json}, beside the document. A message of a
 * library (handled here, declared elsewhere) has no payload: its schema is in that library's jar.
 */
public final class AsyncApiDocument {

  private final String version;

  /** @param version the document's {@code info.version} */
  public AsyncApiDocument(String version) {
    this.version = version;
  }

  /** The document's text; {@code service} tells a service's module from a message library's. */
  public String text(ModuleModel module, boolean service) {
    return PrettyJson.print(document(module, service));
  }

  private Map<String, Object> document(ModuleModel module, boolean service) {
    // Every message the module names, its own and the library ones its handlers take, by wire name.
    Map<String, MessageModel> messages = new TreeMap<>();
    module.messages().forEach(m -> messages.put(m.wireName(), m));
    module.handlers().forEach(h -> h.methods().forEach(m -> messages.putIfAbsent(m.message().wireName(), m.message())));
    Keys keys = new Keys(messages.keySet());
    Map<String, Set<String>> handlersByKey = new TreeMap<>();
    for (HandlerClassModel handler : module.handlers()) {
      for (HandlerMethodModel method : handler.methods()) {
        handlersByKey.computeIfAbsent(keys.of(method.message().wireName()), k -> new TreeSet<>())
            .add(handler.type().canonicalName() + "#" + method.name());
      }
    }

    Map<String, ChannelDraft> channels = new TreeMap<>();
    Map<String, OperationDraft> drafts = new TreeMap<>();
    Map<String, Object> componentMessages = new TreeMap<>();
    for (MessageModel message : messages.values()) {
      String key = keys.of(message.wireName());
      componentMessages.put(key, message(message));
      String channel = channelKey(message);
      channels.computeIfAbsent(channel, c -> ChannelDraft.of(message)).messageKeys().add(key);
      boolean owned = module.ownedDomains().contains(message.domain()) && message.inCompilation();
      boolean event = message.kind() == MessageModel.Kind.EVENT;
      if (event && owned) {
        draft(drafts, channel, "send", "Publishes the events of domain \"" + message.domain()
            + "\", which this service owns.").add(key);
      }
      if (!event && owned || handlersByKey.containsKey(key)) {
        draft(drafts, channel, "receive", event
            ? "Receives the events of domain \"" + message.domain() + "\" that its handlers take."
            : "Receives the commands of domain \"" + message.domain() + "\", which this service owns.").add(key);
      }
    }

    Map<String, Object> document = new LinkedHashMap<>();
    document.put("asyncapi", "3.0.0");
    document.put("info", info(module, service));
    document.put("defaultContentType", "application/json");
    Map<String, Object> channelObjects = new TreeMap<>();
    channels.forEach((id, channel) -> channelObjects.put(id, channel.channel()));
    document.put("channels", channelObjects);
    Map<String, Object> operations = new TreeMap<>();
    drafts.forEach((id, draft) -> operations.put(id, draft.operation(handlersByKey)));
    document.put("operations", operations);
    document.put("components", ScalarSchemas.of("messages", componentMessages));
    return document;
  }

  /** A channel while its messages are collected. */
  private record ChannelDraft(String address, String description, Set<String> messageKeys) {
    static ChannelDraft of(MessageModel message) {
      boolean event = message.kind() == MessageModel.Kind.EVENT;
      // Destination.conventionalName(): the name every transport gives the domain's topic, exchange or queue.
      return new ChannelDraft("whizbang." + channelKey(message), event
          ? "The events of domain \"" + message.domain() + "\", broadcast to every subscribing service."
          : "The commands of domain \"" + message.domain() + "\", consumed by its owning service.", new TreeSet<>());
    }

    Map<String, Object> channel() {
      Map<String, Object> channel = new LinkedHashMap<>();
      channel.put("address", address);
      channel.put("description", description);
      Map<String, Object> messages = new TreeMap<>();
      messageKeys.forEach(key -> messages.put(key, ScalarSchemas.of("$ref", "#/components/messages/" + key)));
      channel.put("messages", messages);
      return channel;
    }
  }

  private static Set<String> draft(Map<String, OperationDraft> drafts, String channel, String action,
      String description) {
    return drafts.computeIfAbsent(channel + "." + action,
        id -> new OperationDraft(channel, action, description, new TreeSet<>())).messageKeys();
  }

  /** An operation while its messages are collected. */
  private record OperationDraft(String channel, String action, String description, Set<String> messageKeys) {
    Map<String, Object> operation(Map<String, Set<String>> handlersByKey) {
      Map<String, Object> operation = new LinkedHashMap<>();
      operation.put("action", action);
      operation.put("channel", ScalarSchemas.of("$ref", "#/channels/" + channel));
      operation.put("description", description);
      List<Object> messages = new ArrayList<>();
      Set<String> handlers = new TreeSet<>();
      for (String key : messageKeys) {
        messages.add(ScalarSchemas.of("$ref", "#/channels/" + channel + "/messages/" + key));
        if (action.equals("receive")) {
          handlers.addAll(handlersByKey.getOrDefault(key, Set.of()));
        }
      }
      operation.put("messages", messages);
      if (!handlers.isEmpty()) {
        operation.put("x-whizbang-handlers", List.copyOf(handlers));
      }
      return operation;
    }
  }

  private Map<String, Object> info(ModuleModel module, boolean service) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("title", module.name());
    info.put("version", version);
    String owns = module.ownedDomains().isEmpty() ? ", which owns no domain"
        : ", owner of " + String.join(", ", new TreeSet<>(module.ownedDomains()));
    info.put("description", "The messages of " + (service ? "the service \"" + module.name() + "\"" + owns
        : "the message library \"" + module.name() + "\"") + ". Written by the Whizbang annotation processor.");
    Map<String, Object> whizbang = new LinkedHashMap<>();
    whizbang.put("module", module.type().canonicalName());
    whizbang.put("owns", List.copyOf(new TreeSet<>(module.ownedDomains())));
    info.put("x-whizbang", whizbang);
    return info;
  }

  private static String channelKey(MessageModel message) {
    return message.domain() + (message.kind() == MessageModel.Kind.EVENT ? ".events" : ".commands");
  }

  private static Map<String, Object> message(MessageModel message) {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("name", message.wireName());
    described.put("title", message.type().simpleName());
    described.put("summary", (message.kind() == MessageModel.Kind.COMMAND ? "Command " : "Event ")
        + message.type().canonicalName() + " of domain \"" + message.domain() + "\".");
    described.put("contentType", "application/json");
    if (message.inCompilation()) {
      described.put("payload", ScalarSchemas.of("$ref", SchemaFiles.referenceFromAsyncApi(message.wireName())));
    } else {
      described.put("description", "Declared in a library: its schema is " + SchemaFiles.schemaPath(
          message.wireName()) + " in that library's jar.");
    }
    described.put("x-whizbang", MessageSchemas.metadata(message));
    return described;
  }

  /**
   * Component keys from wire names: AsyncAPI allows only letters, digits, '.', '-' and '_' in them, so any other
   * character becomes '_' (a key already taken then gets a numbered suffix, in wire-name order).
   */
  private static final class Keys {
    private final Map<String, String> byWireName = new LinkedHashMap<>();

    Keys(Iterable<String> sortedWireNames) {
      Set<String> used = new java.util.HashSet<>();
      for (String wireName : sortedWireNames) {
        String base = wireName.replaceAll("[^A-Za-z0-9._-]", "_");
        String key = base;
        for (int n = 2; !used.add(key); n++) {
          key = base + "_" + n;
        }
        byWireName.put(wireName, key);
      }
    }

    String of(String wireName) {
      return byWireName.get(wireName);
    }
  }
}
