package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.Test;

/** Which messages a channel closure refused for good, read from the closure RabbitMQ sends. */
class PermanentRefusalTest {
  private static ShutdownSignalException channelClosed(int code, String text) {
    return new ShutdownSignalException(false, true,
        new AMQP.Channel.Close.Builder().replyCode(code).replyText(text).build(), null);
  }

  @Test
  void aMessageOverMaxMessageSizeIsPoisonAndTheOthersOnTheChannelAreNot() {
    PermanentRefusal refusal = PermanentRefusal.of(channelClosed(406,
        "PRECONDITION_FAILED - message size 2000 is larger than configured max size 1000"));

    assertThat(refusal.refuses(2000, "orders.events")).isTrue();
    assertThat(refusal.refuses(10, "orders.events")).isFalse();
  }

  @Test
  void anExchangeTheUserMayNotWriteToRefusesItsMessagesOnly() {
    PermanentRefusal refusal = PermanentRefusal.of(channelClosed(403,
        "ACCESS_REFUSED - access to exchange 'orders.events' in vhost '/' refused for user 'guest'"));

    assertThat(refusal.refuses(10, "orders.events")).isTrue();
    assertThat(refusal.refuses(10, "billing.events")).isFalse();
  }

  @Test
  void aLostConnectionRefusesNothing() {
    PermanentRefusal refusal = PermanentRefusal.of(new ShutdownSignalException(true, false,
        new AMQP.Connection.Close.Builder().replyCode(320).replyText("CONNECTION_FORCED - shutdown").build(), null));

    assertThat(refusal.refuses(2000, "orders.events")).isFalse();
  }
}
