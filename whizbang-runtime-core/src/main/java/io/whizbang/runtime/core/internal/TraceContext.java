package io.whizbang.runtime.core.internal;

import io.whizbang.runtime.envelope.BrokerHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The W3C trace context (https://www.w3.org/TR/trace-context/) that a message carries onward: to the messages its
 * handler produces and into the native broker headers. Incoming headers are input from another process, so they are
 * checked before they are copied: a 1 MB {@code tracestate} from upstream would otherwise ride on every message of
 * the conversation and push each over its broker's size limit.
 *
 * <ul>
 *   <li>A {@code traceparent} that is not {@code version-traceid-parentid-flags} in lowercase hex (all-zero ids and
 *       version {@code ff} are invalid) is dropped, and its {@code tracestate} with it, as the specification says.
 *   <li>A {@code tracestate} with a malformed or repeated member is dropped; one with more than
 *       {@value #MAX_TRACESTATE_MEMBERS} members or longer than {@value #MAX_TRACESTATE_LENGTH} characters is cut
 *       down: members longer than 128 characters go first, then members from the right.
 * </ul>
 *
 * <p>Only the header is dropped, never the message: the message is handled and its outgoing messages start a trace
 * of their own where the incoming one was unusable. Refusing the message instead would let any upstream with a
 * broken tracer turn every message it sends into a dead letter, for a header that only links traces. The drops are
 * logged as a warning the 1st, 10th, 100th... time, so a misbehaving producer is seen without a log line per
 * message.
 *
 * <pre>{@code Map<String, String> onward = TraceContext.carriedOver(incoming.headers());}</pre>
 */
public final class TraceContext {

  /** The largest combined {@code tracestate} carried onward, the size every vendor must propagate. */
  public static final int MAX_TRACESTATE_LENGTH = 512;
  /** The most {@code tracestate} members the specification allows. */
  public static final int MAX_TRACESTATE_MEMBERS = 32;
  /** A {@code traceparent} of a future version may be longer than 55 characters, but not without bound. */
  static final int MAX_TRACEPARENT_LENGTH = 256;
  private static final int LONG_MEMBER = 128;
  private static final Logger LOG = LoggerFactory.getLogger(TraceContext.class);
  private static final AtomicLong DROPS = new AtomicLong();

  private TraceContext() {}

  /** The {@code traceparent} and {@code tracestate} of {@code headers} that may travel onward; empty when none. */
  public static Map<String, String> carriedOver(Map<String, String> headers) {
    String parent = headers.get(BrokerHeaders.TRACEPARENT);
    if (parent == null) {
      return Map.of();
    }
    if (!isValidTraceparent(parent)) {
      dropped("a traceparent that is not W3C trace context (" + parent.length() + " characters)");
      return Map.of();
    }
    String state = headers.get(BrokerHeaders.TRACESTATE);
    String capped = state == null ? null : cappedTracestate(state);
    if (state != null && !state.equals(capped)) {
      if (capped == null) {
        dropped("a malformed tracestate (" + state.length() + " characters)");
      } else if (members(capped) < members(state)) {
        dropped("members of a tracestate over " + MAX_TRACESTATE_LENGTH + " characters or "
            + MAX_TRACESTATE_MEMBERS + " members (" + state.length() + " characters)");
      } // else only blanks were removed
    }
    Map<String, String> onward = new HashMap<>(4);
    onward.put(BrokerHeaders.TRACEPARENT, parent);
    if (capped != null && !capped.isEmpty()) {
      onward.put(BrokerHeaders.TRACESTATE, capped);
    }
    return onward;
  }

  private static void dropped(String what) {
    long n = DROPS.incrementAndGet();
    if (isPowerOfTen(n)) {
      LOG.warn("Dropped {} of an incoming message; {} trace header(s) dropped or cut so far. The messages were"
          + " handled; their trace context is not carried onward. Check the tracing of the producing service.",
          what, n);
    } else {
      LOG.debug("Dropped {} of an incoming message", what);
    }
  }

  private static int members(String tracestate) {
    int n = 0;
    for (String member : tracestate.split(",", -1)) {
      if (!member.isBlank()) {
        n++;
      }
    }
    return n;
  }

  private static boolean isPowerOfTen(long n) {
    while (n >= 10 && n % 10 == 0) {
      n /= 10;
    }
    return n == 1;
  }

  /** {@code 00-<32 hex>-<16 hex>-<2 hex>}; a later version may add fields after a '-'. */
  static boolean isValidTraceparent(String value) {
    int length = value.length();
    if (length < 55 || length > MAX_TRACEPARENT_LENGTH || !lowerHex(value, 0, 2) || value.startsWith("ff")
        || value.charAt(2) != '-' || !lowerHex(value, 3, 35) || value.charAt(35) != '-'
        || !lowerHex(value, 36, 52) || value.charAt(52) != '-' || !lowerHex(value, 53, 55)
        || allZeros(value, 3, 35) || allZeros(value, 36, 52)) {
      return false;
    }
    if (value.startsWith("00")) {
      return length == 55;
    }
    return length == 55 || value.charAt(55) == '-';
  }

  /** The members of {@code value} within the limits, or {@code null} when it is malformed. */
  static String cappedTracestate(String value) {
    if (value.length() > MAX_TRACESTATE_LENGTH * 8) {
      return null; // Far beyond any legitimate list: not worth parsing.
    }
    List<String> members = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (String raw : value.split(",", -1)) {
      String member = raw.strip();
      if (member.isEmpty()) {
        continue;
      }
      int eq = member.indexOf('=');
      if (eq <= 0 || !validKey(member.substring(0, eq)) || !validValue(member, eq + 1)
          || !keys.add(member.substring(0, eq))) {
        return null;
      }
      members.add(member);
    }
    while (members.size() > MAX_TRACESTATE_MEMBERS) {
      members.remove(members.size() - 1);
    }
    while (joinedLength(members) > MAX_TRACESTATE_LENGTH) {
      int longOne = indexOfLong(members);
      members.remove(longOne >= 0 ? longOne : members.size() - 1);
    }
    return String.join(",", members);
  }

  private static int indexOfLong(List<String> members) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).length() > LONG_MEMBER) {
        return i;
      }
    }
    return -1;
  }

  private static int joinedLength(List<String> members) {
    int length = Math.max(0, members.size() - 1);
    for (String m : members) {
      length += m.length();
    }
    return length;
  }

  /** {@code simple-key} or {@code tenant-id@system-id}, lowercase. */
  private static boolean validKey(String key) {
    int at = key.indexOf('@');
    if (at < 0) {
      return key.length() <= 256 && keyChars(key, 0, key.length()) && isLowerAlnum(key.charAt(0));
    }
    return at >= 1 && at <= 241 && key.length() - at - 1 >= 1 && key.length() - at - 1 <= 14
        && keyChars(key, 0, at) && isLowerAlnum(key.charAt(0))
        && keyChars(key, at + 1, key.length()) && key.charAt(at + 1) >= 'a' && key.charAt(at + 1) <= 'z';
  }

  private static boolean keyChars(String key, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = key.charAt(i);
      if (!isLowerAlnum(c) && c != '_' && c != '-' && c != '*' && c != '/') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerAlnum(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  /** 1 to 256 printable ASCII characters other than ',' and '=', not ending in a space. */
  private static boolean validValue(String member, int from) {
    int length = member.length() - from;
    if (length < 1 || length > 256 || member.charAt(member.length() - 1) == ' ') {
      return false;
    }
    for (int i = from; i < member.length(); i++) {
      char c = member.charAt(i);
      if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
  }

  private static boolean lowerHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static boolean allZeros(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
