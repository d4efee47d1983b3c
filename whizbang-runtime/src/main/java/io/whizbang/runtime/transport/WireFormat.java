package io.whizbang.runtime.transport;

/**
 * How a transport lays a message out on the broker. Every transport reads both, whichever it writes, so that the
 * services of one system can change format one at a time.
 *
 * <ul>
 *   <li>{@link #WHIZBANG} (the default): the body is the whole envelope as the outbox stored it, sent without
 *       re-serialization; broker headers repeat the envelope's ids for tools.
 *   <li>{@link #CLOUDEVENTS}: CloudEvents 1.0 in binary content mode: the body is the message's JSON (the event's
 *       {@code data}) and the envelope's metadata travels as CloudEvents attributes in the broker's headers, named
 *       as the broker's protocol binding says. Services written with any CloudEvents SDK read and write it.
 * </ul>
 */
public enum WireFormat {
  WHIZBANG,
  CLOUDEVENTS
}
