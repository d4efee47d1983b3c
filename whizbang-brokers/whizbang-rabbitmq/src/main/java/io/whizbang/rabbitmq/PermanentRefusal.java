package io.whizbang.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells which messages a channel closure refused for good. RabbitMQ closes the channel when a message is over
 * {@code max_message_size} (406 PRECONDITION_FAILED "message size N is larger than configured max size M") or the
 * user may not write to the exchange (403 ACCESS_REFUSED "access to exchange 'x' ... refused"). Only the message of
 * that size, or the messages to that exchange, are poison; every other message the closure failed was only caught
 * in it (unavailable: published again later).
 */
final class PermanentRefusal {
  private static final Pattern SIZE = Pattern.compile("message size (\\d+) is larger than");
  private static final Pattern EXCHANGE = Pattern.compile("access to exchange '([^']*)'");

  private final Integer tooLargeBytes;
  private final String refusedExchange;

  private PermanentRefusal(Integer tooLargeBytes, String refusedExchange) {
    this.tooLargeBytes = tooLargeBytes;
    this.refusedExchange = refusedExchange;
  }

  static PermanentRefusal of(ShutdownSignalException cause) {
    if (cause == null || cause.isHardError() || !(cause.getReason() instanceof AMQP.Channel.Close close)) {
      return new PermanentRefusal(null, null);
    }
    String text = close.getReplyText() == null ? "" : close.getReplyText();
    if (close.getReplyCode() == AMQP.PRECONDITION_FAILED) {
      Matcher m = SIZE.matcher(text);
      if (m.find()) {
        return new PermanentRefusal(Integer.valueOf(m.group(1)), null);
      }
    }
    if (close.getReplyCode() == AMQP.ACCESS_REFUSED) {
      Matcher m = EXCHANGE.matcher(text);
      if (m.find()) {
        return new PermanentRefusal(null, m.group(1));
      }
    }
    return new PermanentRefusal(null, null);
  }

  /** Whether the closure refused this message (of {@code bodyBytes}, published to {@code exchange}) for good. */
  boolean refuses(int bodyBytes, String exchange) {
    return (tooLargeBytes != null && tooLargeBytes == bodyBytes)
        || (refusedExchange != null && refusedExchange.equals(exchange));
  }
}
