package io.whizbang.runtime.feed;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.internal.MessageIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Test events of a small "bank" domain: a deposit of {@code amount} as the {@code seq}-th event of an account. */
public final class Deposits {
  public static final String DOMAIN = "bank";
  public static final String DEPOSITED = "bank.Deposited";
  public static final String CLOSED = "bank.AccountClosed";

  private Deposits() {}

  public static Envelope deposited(String account, long seq, long amount) {
    return deposited(account, seq, amount, Instant.now());
  }

  public static Envelope deposited(String account, long seq, long amount, Instant occurredAt) {
    return deposited(DOMAIN, account, seq, amount, occurredAt);
  }

  /** The wire name of a deposit in {@code domain} (tests that need topics of their own use their own domain). */
  public static String depositedIn(String domain) {
    return domain + ".Deposited";
  }

  public static Envelope deposited(String domain, String account, long seq, long amount, Instant occurredAt) {
    String json = "{\"account\":\"" + account + "\",\"seq\":" + seq + ",\"amount\":" + amount + "}";
    return new Envelope(MessageIds.next(), depositedIn(domain), domain, account, UUID.randomUUID(), null,
        occurredAt, Envelope.NO_POSITION,
        Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
        json.getBytes(StandardCharsets.UTF_8));
  }

  public static Envelope closed(String account, long seq) {
    String json = "{\"account\":\"" + account + "\",\"seq\":" + seq + "}";
    return new Envelope(MessageIds.next(), CLOSED, DOMAIN, account, UUID.randomUUID(), null, Instant.now(),
        Envelope.NO_POSITION, Map.of(), json.getBytes(StandardCharsets.UTF_8));
  }
}
