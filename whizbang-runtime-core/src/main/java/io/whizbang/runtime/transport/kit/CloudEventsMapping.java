package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.envelope.MalformedEnvelopeException;
import io.whizbang.runtime.generated.MessageVersions;
import io.whizbang.runtime.core.internal.Clipped;
import io.whizbang.runtime.core.internal.StrictUuid;
import io.whizbang.runtime.core.internal.HeaderMaps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The one mapping between an {@link Envelope} and the attributes of a CloudEvents 1.0 event, on plain attribute
 * names ({@code id}, {@code source}, ...). A broker's {@link CloudEventsBinding} adds its header prefix; nothing
 * here knows a broker.
 *
 * <pre>{@code
 * Map<String, String> attributes = CloudEventsMapping.attributes(envelope);   // data = envelope.payload()
 * Envelope back = CloudEventsMapping.envelope(attributes, data, receivedAt);
 * }</pre>
 *
 * <p>Reading is lenient with what a producer that is not Whizbang leaves out, and strict with what it gets wrong: a
 * missing {@code correlationid} is the message id, a missing {@code subject} means no partition key, a missing
 * {@code time} is when the broker took the message; an {@code id} or id extension that is not a UUID becomes a
 * name-based UUID of its text (with the {@code source} for {@code id}, whose uniqueness the specification scopes
 * to the source). A missing {@code id}, {@code source} or {@code type}, a {@code specversion} other than 1.0, an
 * unreadable {@code time}, a content type that is not JSON or data that is not a JSON object are a
 * {@link MalformedEnvelopeException} naming the attribute.
 */
final class CloudEventsMapping {

  public static final String SPECVERSION = "specversion";
  public static final String ID = "id";
  public static final String SOURCE = "source";
  public static final String TYPE = "type";
  public static final String DATACONTENTTYPE = "datacontenttype";
  public static final String TIME = "time";
  public static final String SUBJECT = "subject";
  /** Extension: the envelope's correlation id. */
  public static final String CORRELATIONID = "correlationid";
  /** Extension: the envelope's causation id. */
  public static final String CAUSATIONID = "causationid";
  /** Distributed-tracing extension: W3C trace context. */
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";
  /** Extension: the version of the data's shape, the envelope's {@value MessageVersions#HEADER} header. */
  public static final String WHIZBANGVERSION = "whizbangversion";
  /** Extension: the envelope headers no attribute above carries, as one JSON object of strings. */
  public static final String WHIZBANGHEADERS = "whizbangheaders";

  /** The only CloudEvents version written and read. */
  public static final String SPEC_VERSION = "1.0";
  /** The content type of the data: the message's JSON. */
  public static final String JSON = "application/json";
  /** What starts the {@code source} of every event Whizbang writes; the domain follows. */
  public static final String SOURCE_PREFIX = "urn:whizbang:";

  private CloudEventsMapping() {}

  /** The CloudEvents {@code source} of the messages a domain owns: {@code urn:whizbang:<domain>}. */
  public static String source(String domain) {
    return SOURCE_PREFIX + domain;
  }

  /**
   * The attributes of {@code envelope}, in the order written: the required ones, {@code datacontenttype},
   * {@code time}, {@code subject} when it has a key, then the extensions it needs.
   */
  public static Map<String, String> attributes(Envelope envelope) {
    return all(envelope);
  }

  /**
   * The attributes of {@code envelope} with at most {@code limit} of them, {@code datacontenttype} left out when
   * {@code withContentType} is false (a binding that carries it elsewhere or not at all). When there are too many,
   * the trace context and version travel inside {@value #WHIZBANGHEADERS} with the other headers (a Whizbang reader
   * finds them there; any reader finds every required attribute), which leaves at most ten.
   *
   * @throws IllegalArgumentException when even so they are more than {@code limit}
   */
  public static Map<String, String> attributes(Envelope envelope, boolean withContentType, int limit) {
    Map<String, String> a = all(envelope);
    if (!withContentType) {
      a.remove(DATACONTENTTYPE);
    }
    if (a.size() > limit) {
      a.remove(TRACEPARENT);
      a.remove(TRACESTATE);
      a.remove(WHIZBANGVERSION);
      a.remove(WHIZBANGHEADERS);
      if (!envelope.headers().isEmpty()) {
        a.put(WHIZBANGHEADERS, HeaderMaps.encode(envelope.headers()));
      }
    }
    if (a.size() > limit) {
      throw new IllegalArgumentException("The CloudEvent of " + envelope + " needs " + a.size()
          + " attributes; the broker takes " + limit);
    }
    return a;
  }

  private static Map<String, String> all(Envelope envelope) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(SPECVERSION, SPEC_VERSION);
    a.put(ID, envelope.messageId().toString());
    a.put(SOURCE, source(envelope.domain()));
    a.put(TYPE, envelope.wireName());
    a.put(DATACONTENTTYPE, JSON);
    a.put(TIME, envelope.occurredAt().toString());
    if (envelope.partitionKey() != null && !envelope.partitionKey().isEmpty()) {
      a.put(SUBJECT, envelope.partitionKey()); // CloudEvents allows no empty subject: an empty key goes as none
    }
    a.put(CORRELATIONID, envelope.correlationId().toString());
    if (envelope.causationId() != null) {
      a.put(CAUSATIONID, envelope.causationId().toString());
    }
    Map<String, String> rest = new LinkedHashMap<>(envelope.headers());
    move(rest, TRACEPARENT, a, TRACEPARENT);
    move(rest, TRACESTATE, a, TRACESTATE);
    move(rest, MessageVersions.HEADER, a, WHIZBANGVERSION);
    if (!rest.isEmpty()) {
      a.put(WHIZBANGHEADERS, HeaderMaps.encode(rest));
    }
    return a;
  }

  /**
   * The envelope of a received CloudEvent.
   *
   * @param attributes its attributes by plain name ({@code datacontenttype} from wherever the binding keeps it)
   * @param data the message's JSON
   * @param receivedAt when the broker took it, for an event without {@code time}; {@code null} for now
   * @throws MalformedEnvelopeException naming the attribute at fault
   */
  public static Envelope envelope(Map<String, String> attributes, byte[] data, Instant receivedAt) {
    Reader r = new Reader(attributes);
    String version = attributes.get(SPECVERSION);
    if (!SPEC_VERSION.equals(version)) {
      throw r.fail("'" + SPECVERSION + "' is " + quoted(version) + "; only CloudEvents 1.0 is read (\"1.0\")");
    }
    String id = r.required(ID);
    String source = r.required(SOURCE);
    String type = r.required(TYPE);
    if (type.length() > 255) {
      throw r.fail("'" + TYPE + "' is " + type.length() + " characters long, more than 255");
    }
    r.requireJson(attributes.get(DATACONTENTTYPE));
    UUID messageId = idOf(source + "\n" + id, id);
    UUID correlationId = attributes.get(CORRELATIONID) == null ? messageId
        : idOf(attributes.get(CORRELATIONID), attributes.get(CORRELATIONID));
    UUID causationId = attributes.get(CAUSATIONID) == null ? null
        : idOf(attributes.get(CAUSATIONID), attributes.get(CAUSATIONID));
    Instant time = r.time(receivedAt);
    String domain = source.startsWith(SOURCE_PREFIX) ? source.substring(SOURCE_PREFIX.length()) : source;
    Map<String, String> headers = r.headers();
    Envelope envelope = new Envelope(messageId, type, domain, attributes.get(SUBJECT), correlationId, causationId,
        time, Envelope.NO_POSITION, headers, data);
    try {
      EnvelopeCodec.requireOneJsonObject(envelope);
    } catch (IllegalArgumentException notAnObject) {
      throw r.fail("its data must be one JSON object: " + notAnObject.getMessage(), notAnObject);
    }
    return envelope;
  }

  /** {@code text} as a UUID when it is one, else the name-based UUID of {@code name}. */
  private static UUID idOf(String name, String text) {
    UUID uuid = StrictUuid.parseOrNull(text);
    return uuid != null ? uuid : UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  private static void move(Map<String, String> from, String name, Map<String, String> to, String as) {
    String value = from.remove(name);
    if (value != null) {
      to.put(as, value);
    }
  }

  private static String quoted(String value) {
    return value == null ? "missing" : "\"" + Clipped.text(value, 40) + "\"";
  }

  /** Reads the attributes; names the event (type and id, when known) in its errors. */
  private static final class Reader {
    private final Map<String, String> attributes;

    Reader(Map<String, String> attributes) {
      this.attributes = attributes;
    }

    String required(String name) {
      String value = attributes.get(name);
      if (value == null || value.isEmpty()) {
        throw fail("required attribute '" + name + "' is " + (value == null ? "missing" : "empty"));
      }
      return value;
    }

    void requireJson(String contentType) {
      if (contentType == null) {
        return; // Whizbang data is JSON; a producer that leaves the type out is taken at its word.
      }
      String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (!media.equals(JSON) && !media.equals("text/json") && !media.endsWith("+json")) {
        throw fail("'" + DATACONTENTTYPE + "' is " + quoted(contentType) + "; the data must be JSON ("
            + JSON + ", text/json or a +json type)");
      }
    }

    Instant time(Instant receivedAt) {
      String value = attributes.get(TIME);
      if (value == null) {
        return receivedAt != null ? receivedAt : Instant.now();
      }
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw fail("'" + TIME + "' is not an RFC 3339 timestamp such as 2026-01-31T12:00:00Z: " + quoted(value), e);
      }
    }

    Map<String, String> headers() {
      Map<String, String> headers = new LinkedHashMap<>();
      String json = attributes.get(WHIZBANGHEADERS);
      if (json != null) {
        try {
          headers.putAll(HeaderMaps.decode(json));
          if (headers.containsKey(null) || headers.containsValue(null)) {
            throw new IllegalArgumentException("a value is not a string");
          }
        } catch (RuntimeException e) {
          throw fail("'" + WHIZBANGHEADERS + "' is not a JSON object of strings: " + quoted(json), e);
        }
      }
      copy(TRACEPARENT, headers, TRACEPARENT);
      copy(TRACESTATE, headers, TRACESTATE);
      copy(WHIZBANGVERSION, headers, MessageVersions.HEADER);
      return headers;
    }

    private void copy(String name, Map<String, String> to, String as) {
      String value = attributes.get(name);
      if (value != null) {
        to.put(as, value);
      }
    }

    MalformedEnvelopeException fail(String problem) {
      return new MalformedEnvelopeException(describe(problem));
    }

    MalformedEnvelopeException fail(String problem, Throwable cause) {
      return new MalformedEnvelopeException(describe(problem), cause);
    }

    private String describe(String problem) {
      String type = attributes.get(TYPE);
      String id = attributes.get(ID);
      StringBuilder m = new StringBuilder("Malformed CloudEvent");
      if (type != null || id != null) {
        m.append(" (").append(type == null ? "" : Clipped.text(type, 80)).append(type != null && id != null ? " " : "")
            .append(id == null ? "" : Clipped.text(id, 80)).append(')');
      }
      return m.append(": ").append(problem).append(". Attributes received: ").append(attributes.keySet()).toString();
    }
  }
}
