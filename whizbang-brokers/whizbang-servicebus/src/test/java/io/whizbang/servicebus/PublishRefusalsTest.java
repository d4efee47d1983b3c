package io.whizbang.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpErrorContext;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusErrorSource;
import com.azure.messaging.servicebus.ServiceBusException;
import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.transport.PermanentPublishException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which send failures the relay parks (poison) and which it retries (unavailable). */
class PublishRefusalsTest {

  private static ServiceBusException sb(boolean transientError, AmqpErrorCondition condition) {
    return new ServiceBusException(new AmqpException(transientError, condition, "from the broker",
        new AmqpErrorContext("ns.servicebus.windows.net")), ServiceBusErrorSource.SEND);
  }

  @Test
  void aMessageOverTheEntityLimitIsRefusedForGood() {
    assertThat(PublishRefusals.isPermanent(sb(false, AmqpErrorCondition.LINK_PAYLOAD_SIZE_EXCEEDED))).isTrue();
  }

  @Test
  void credentialsThatMayNotSendAreRefusedForGood() {
    assertThat(PublishRefusals.isPermanent(sb(false, AmqpErrorCondition.UNAUTHORIZED_ACCESS))).isTrue();
  }

  @Test
  void anInvalidArgumentIsRefusedForGood() {
    assertThat(PublishRefusals.isPermanent(new AmqpException(false, AmqpErrorCondition.ARGUMENT_ERROR, "bad",
        new AmqpErrorContext("ns")))).isTrue();
  }

  @Test
  void busyTimedOutDisconnectedOrFullMeansUnavailable() {
    assertThat(PublishRefusals.isPermanent(sb(true, AmqpErrorCondition.SERVER_BUSY_ERROR))).isFalse();
    assertThat(PublishRefusals.isPermanent(sb(true, AmqpErrorCondition.TIMEOUT_ERROR))).isFalse();
    assertThat(PublishRefusals.isPermanent(sb(true, AmqpErrorCondition.CONNECTION_FORCED))).isFalse();
    assertThat(PublishRefusals.isPermanent(sb(false, AmqpErrorCondition.RESOURCE_LIMIT_EXCEEDED))).isFalse();
    assertThat(PublishRefusals.isPermanent(sb(false, AmqpErrorCondition.ENTITY_DISABLED_ERROR))).isFalse();
    assertThat(PublishRefusals.isPermanent(new IllegalStateException("Timeout on blocking read",
        new TimeoutException()))).isFalse();
  }

  @Test
  void aRefusalTheSdkCallsTransientIsUnavailable() {
    assertThat(PublishRefusals.isPermanent(sb(true, AmqpErrorCondition.UNAUTHORIZED_ACCESS))).isFalse();
  }

  @Test
  void aMissingEntityIsUnavailableAndNamed() {
    WhizbangException failure = PublishRefusals.failure("whizbang.orders.events", "message m-1 (orders.Placed)",
        sb(false, AmqpErrorCondition.NOT_FOUND));

    assertThat(failure).isInstanceOf(MissingEntityException.class)
        .hasMessageContaining("'whizbang.orders.events' does not exist")
        .hasMessageContaining("turn provisioning on");
    assertThat(PermanentPublishException.isPermanent(failure)).isFalse();
  }

  @Test
  void theFailureOfAPermanentRefusalIsOneTheRelayParks() {
    WhizbangException failure = PublishRefusals.failure("whizbang.orders.events", "message m-1 (orders.Placed)",
        sb(false, AmqpErrorCondition.LINK_PAYLOAD_SIZE_EXCEEDED));

    assertThat(PermanentPublishException.isPermanent(failure)).isTrue();
    assertThat(failure).hasMessageContaining("failed for good").hasMessageContaining("m-1");
  }

  @Test
  void theFailureOfAnOutageIsOneTheRelayRetries() {
    WhizbangException failure = PublishRefusals.failure("whizbang.orders.events", "message m-1 (orders.Placed)",
        sb(true, AmqpErrorCondition.PROTON_IO));

    assertThat(PermanentPublishException.isPermanent(failure)).isFalse();
    assertThat(failure).hasMessageContaining("will retry");
  }
}
