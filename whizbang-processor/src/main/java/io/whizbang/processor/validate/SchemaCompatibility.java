package io.whizbang.processor.validate;

import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import io.whizbang.processor.model.MessageModel;
import io.whizbang.processor.read.RecordReader;
import io.whizbang.processor.read.SchemaBaseline;
import io.whizbang.processor.write.schema.MessageSchemas;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.RecordComponentElement;

/**
 * Compares the compilation's messages with the schema baseline and reports every change that breaks a reader or a
 * writer built against it, on the record component it concerns (on the type for a type-level change). A message
 * is found in the baseline by its wire name, or else by its Java type (then its wire name changed); a message in
 * neither is new, which breaks nobody.
 *
 * <p>The rules follow who reads what. An event is written by its owner and read by every consumer, old and new,
 * and replayed from history: a reader built against the baseline must read new events, and a new reader must read
 * the events already written. A command is written by its senders and read by its owner: the new owner must read
 * what senders built against the baseline send. Hence, for both kinds, a changed component type, a new required
 * component (or one that was optional), a removed enum constant, a changed wire name, owner, kind or partition key
 * break; for events alone, also a removed required component, a required component that may now be absent, and
 * an added enum constant (older consumers refuse a constant they do not know). A new {@code @Nullable} or
 * {@code Optional} component, or a new message, breaks nothing.
 *
 * <p>A message given a newer version than the baseline's ({@code @MessageVersion}, with the upcasters the processor
 * has already checked form a chain from every older version) may change its shape: what was written at the
 * baseline's version, stored or in flight, is read through the upcasters, and consumers built against the baseline
 * refuse the new version until they are deployed with it. Its wire name, owner, kind and partition key are still
 * compared (they route and order its messages, which no upcaster changes), and so are removed enum constants (an
 * older version's record that shares the enum must still read what was stored).
 */
public final class SchemaCompatibility {

  private final Reporter reporter;
  private final SchemaBaseline baseline;
  private final MessageSchemas schemas;

  public SchemaCompatibility(Reporter reporter, SchemaBaseline baseline, MessageSchemas schemas) {
    this.reporter = reporter;
    this.baseline = baseline;
    this.schemas = schemas;
  }

  public void check(List<MessageModel> messages) {
    for (MessageModel message : messages) {
      Optional<Map<String, Object>> before = Optional.ofNullable(baseline.schemas().get(message.wireName()));
      if (before.isEmpty()) {
        before = baseline.byJavaType(message.type().canonicalName());
        if (before.isEmpty()) {
          continue; // a new message
        }
        String was = (String) metadata(before.get()).get("wireName");
        reporter.report(Problem.BASELINE_WIRE_NAME, message.origin(), message.type().canonicalName(), was,
            message.wireName(), was);
      }
      new Comparison(message, before.get(), schemas.schema(message)).run();
    }
  }

  private static Map<?, ?> metadata(Map<String, Object> schema) {
    return (Map<?, ?>) schema.get("x-whizbang");
  }

  /** One message against its baseline schema. */
  private final class Comparison {
    private final MessageModel message;
    private final boolean event;
    private final Map<String, Object> before;
    private final Map<String, Object> now;
    private final Set<String> comparedReferences = new HashSet<>();
    /** A newer version than the baseline's: its older shape is upcast, so only routing, order and enums count. */
    private boolean upcast;

    Comparison(MessageModel message, Map<String, Object> before, Map<String, Object> now) {
      this.message = message;
      this.event = message.kind() == MessageModel.Kind.EVENT;
      this.before = before;
      this.now = now;
    }

    void run() {
      Map<?, ?> was = metadata(before);
      Map<?, ?> is = metadata(now);
      if (!was.get("kind").equals(is.get("kind")) || !was.get("domain").equals(is.get("domain"))) {
        reporter.report(Problem.BASELINE_OWNER, message.origin(), name(), was.get("kind"), was.get("domain"),
            is.get("kind"), is.get("domain"));
      }
      Object keyBefore = was.get("partitionKey");
      Object keyNow = is.get("partitionKey");
      if (keyBefore == null ? keyNow != null : !keyBefore.equals(keyNow)) {
        reporter.report(Problem.BASELINE_PARTITION_KEY, message.origin(), name(), key(keyBefore), key(keyNow));
      }
      upcast = version(is) > version(was);
      compareObject("", before, now, null);
    }

    private static int version(Map<?, ?> metadata) {
      return metadata.get("version") instanceof Number n ? n.intValue() : 1;
    }

    private void compareObject(String path, Map<?, ?> was, Map<?, ?> is, Element nestedIn) {
      Map<?, ?> propertiesBefore = (Map<?, ?>) was.get("properties");
      Map<?, ?> propertiesNow = (Map<?, ?>) is.get("properties");
      List<?> requiredBefore = was.get("required") instanceof List<?> list ? list : List.of();
      List<?> requiredNow = is.get("required") instanceof List<?> list ? list : List.of();
      for (Map.Entry<?, ?> property : propertiesBefore.entrySet()) {
        String name = (String) property.getKey();
        String at = path.isEmpty() ? name : path + "." + name;
        boolean wasRequired = requiredBefore.contains(name);
        if (!propertiesNow.containsKey(name)) {
          if (event && wasRequired && !upcast) {
            reporter.report(Problem.BASELINE_COMPONENT_REMOVED, nestedIn != null ? nestedIn : message.origin(),
                name(), at);
          }
          continue;
        }
        Element site = nestedIn != null ? nestedIn : component(name);
        boolean isRequired = requiredNow.contains(name);
        if (upcast) {
          compareValue(at, property.getValue(), propertiesNow.get(name), site); // for its enums
          continue;
        }
        if (!wasRequired && isRequired) {
          reporter.report(Problem.BASELINE_REQUIREDNESS_CHANGED, site, at, name(), "was optional in the schema "
              + "baseline and is required now, so messages written without it are refused");
        } else if (wasRequired && !isRequired && event) {
          reporter.report(Problem.BASELINE_REQUIREDNESS_CHANGED, site, at, name(), "was required in the schema "
              + "baseline and may be absent or null now, which consumers built against the baseline refuse");
        }
        compareValue(at, property.getValue(), propertiesNow.get(name), site);
      }
      for (Object property : propertiesNow.keySet()) {
        String name = (String) property;
        if (!propertiesBefore.containsKey(name) && requiredNow.contains(name) && !upcast) {
          reporter.report(Problem.BASELINE_NEW_REQUIRED, nestedIn != null ? nestedIn : component(name),
              path.isEmpty() ? name : path + "." + name, name(), event
                  ? "the events written before it (stored, or replayed from the feed) cannot be read"
                  : "commands from senders built against the baseline lack it and are refused");
        }
      }
    }

    private void compareValue(String path, Object wasValue, Object isValue, Element site) {
      Map<?, ?> was = withoutNull((Map<?, ?>) wasValue);
      Map<?, ?> is = withoutNull((Map<?, ?>) isValue);
      if (was.get("$ref") instanceof String refBefore && is.get("$ref") instanceof String refNow
          && !comparedReferences.add(refBefore + " " + refNow)) {
        return; // a recursive record, already being compared
      }
      was = resolve(was, before);
      is = resolve(is, now);
      if (was.containsKey("properties") && is.containsKey("properties")) {
        compareObject(path, was, is, site);
      } else if (was.containsKey("enum") && is.containsKey("enum")) {
        compareEnum(path, (List<?>) was.get("enum"), (List<?>) is.get("enum"), site);
      } else if (was.containsKey("items") && is.containsKey("items")) {
        compareValue(path + "[]", was.get("items"), is.get("items"), site);
      } else if (was.containsKey("additionalProperties") && is.containsKey("additionalProperties")) {
        Object keysBefore = was.get("propertyNames");
        Object keysNow = is.get("propertyNames");
        if (keysBefore instanceof Map<?, ?> k1 && keysNow instanceof Map<?, ?> k2 && k1.containsKey("enum")
            && k2.containsKey("enum")) {
          compareEnum(path + " (keys)", (List<?>) k1.get("enum"), (List<?>) k2.get("enum"), site);
        } else if (!compact(keysBefore).equals(compact(keysNow)) && !upcast) {
          reporter.report(Problem.BASELINE_TYPE_CHANGED, site, path + " (keys)", name(), describe(keysBefore),
              describe(keysNow));
        }
        compareValue(path + "{}", was.get("additionalProperties"), is.get("additionalProperties"), site);
      } else if (!compact(withoutDescription(was)).equals(compact(withoutDescription(is))) && !upcast) {
        reporter.report(Problem.BASELINE_TYPE_CHANGED, site, path, name(), describe(was), describe(is));
      }
    }

    private void compareEnum(String path, List<?> was, List<?> is, Element site) {
      List<Object> removed = new ArrayList<>(was);
      removed.removeAll(is);
      List<Object> added = new ArrayList<>(is);
      added.removeAll(was);
      List<String> changes = new ArrayList<>();
      if (!removed.isEmpty()) {
        changes.add("removed " + removed);
      }
      if (event && !added.isEmpty() && !upcast) {
        changes.add("added " + added + ", which consumers built against the baseline refuse");
      }
      if (!changes.isEmpty()) {
        reporter.report(Problem.BASELINE_ENUM_CONSTANTS, site, path, name(), String.join("; ", changes));
      }
    }

    private Element component(String name) {
      for (RecordComponentElement component : message.origin().getRecordComponents()) {
        if (component.getSimpleName().contentEquals(name)) {
          return RecordReader.site(component);
        }
      }
      return message.origin();
    }

    private String name() {
      return message.type().canonicalName();
    }
  }

  private static String key(Object component) {
    return component == null ? "no component" : "'" + component + "'";
  }

  /** The schema of a value that may also be null, without that null. */
  private static Map<?, ?> withoutNull(Map<?, ?> schema) {
    if (schema.get("anyOf") instanceof List<?> either && either.size() == 2
        && either.get(1) instanceof Map<?, ?> second && "null".equals(second.get("type")) && second.size() == 1) {
      return (Map<?, ?>) either.get(0);
    }
    if (schema.get("type") instanceof List<?> types && types.size() == 2 && "null".equals(types.get(1))) {
      Map<Object, Object> copy = new LinkedHashMap<>(schema);
      copy.put("type", types.get(0));
      return copy;
    }
    return schema;
  }

  /** Follows a {@code $ref} into the document's own {@code $defs} ({@code #} is the message itself). */
  private static Map<?, ?> resolve(Map<?, ?> schema, Map<String, Object> document) {
    if (!(schema.get("$ref") instanceof String reference)) {
      return schema;
    }
    if (reference.equals("#")) {
      return document;
    }
    String name = reference.substring("#/$defs/".length());
    return (Map<?, ?>) ((Map<?, ?>) document.get("$defs")).get(name);
  }

  private static Map<?, ?> withoutDescription(Map<?, ?> schema) {
    Map<Object, Object> copy = new LinkedHashMap<>(schema);
    copy.remove("description");
    return copy;
  }

  private static String describe(Object schema) {
    if (schema instanceof Map<?, ?> map && map.containsKey("properties")) {
      return "an object with " + ((Map<?, ?>) map.get("properties")).keySet();
    }
    return schema == null ? "any string" : compact(schema instanceof Map<?, ?> map ? withoutDescription(map) : schema);
  }

  /** One-line JSON, to compare two schemas and to show them in a message. */
  private static String compact(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      map.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append('"').append(k).append("\": ")
          .append(compact(v)));
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(item -> items.add(compact(item)));
      return "[" + String.join(", ", items) + "]";
    }
    return value instanceof String text ? '"' + text + '"' : String.valueOf(value);
  }
}
