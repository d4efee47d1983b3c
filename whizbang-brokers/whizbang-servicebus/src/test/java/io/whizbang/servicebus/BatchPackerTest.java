package io.whizbang.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpErrorContext;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusErrorSource;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusMessage;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packer's own decisions, against a batch that counts body bytes (a stand-in for the SDK's batch, whose limit
 * comes from the broker's link): how messages are packed, what is refused as too large, and what fails with what.
 */
class BatchPackerTest {

  private static final Destination EVENTS = Destination.events("orders");
  private final List<List<String>> sent = new ArrayList<>();
  private final SendCounters counters = new SendCounters();
  private RuntimeException failNextSend;

  /** Accepts messages while the bodies fit {@code limit} bytes. */
  private final class CountingBatch implements EntityBatch {
    private final int limit;
    private final List<String> bodies = new ArrayList<>();
    private int size;

    CountingBatch(int limit) {
      this.limit = limit;
    }

    @Override
    public boolean tryAdd(ServiceBusMessage message) {
      int bytes = message.getBody().toBytes().length;
      if (size + bytes > limit) {
        return false;
      }
      size += bytes;
      bodies.add(message.getBody().toString());
      return true;
    }

    @Override
    public int count() {
      return bodies.size();
    }

    @Override
    public int maxSizeInBytes() {
      return limit;
    }

    @Override
    public void send() {
      if (failNextSend != null) {
        RuntimeException e = failNextSend;
        failNextSend = null;
        throw e;
      }
      sent.add(bodies);
    }
  }

  private BatchPacker packer(int limit) {
    return new BatchPacker("whizbang.orders.events", () -> new CountingBatch(limit), counters);
  }

  private static OutgoingMessage message(String key, String body) {
    return new OutgoingMessage(UUID.randomUUID(), "orders.Placed", EVENTS, key, 0, Map.of(),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void messagesArePackedInOrderIntoAsFewBatchesAsTheLimitAllows() {
    List<OutgoingMessage> messages = List.of(message("a", "1111"), message("b", "2222"), message("a", "3333"),
        message("b", "4444"), message("c", "5555"));

    Throwable[] result = packer(10).sendAll(messages);

    assertThat(result).containsOnlyNulls();
    assertThat(sent).containsExactly(List.of("1111", "2222"), List.of("3333", "4444"), List.of("5555"));
    assertThat(counters.sendCalls.sum()).isEqualTo(3);
    assertThat(counters.sentMessages.sum()).isEqualTo(5);
  }

  @Test
  void aMessageOverTheLimitIsRefusedForGoodBeforeSendingAndHoldsOnlyItsKey() {
    List<OutgoingMessage> messages = List.of(message("a", "1"), message("b", "2"), message("a", "x".repeat(11)),
        message("b", "3"), message("a", "4"));

    Throwable[] result = packer(10).sendAll(messages);

    assertThat(result[0]).isNull();
    assertThat(result[1]).isNull();
    assertThat(result[2]).isInstanceOf(MessageTooLargeException.class)
        .hasMessageContaining("does not fit the 10-byte message size limit of 'whizbang.orders.events'")
        .hasMessageContaining("Keep large data out of messages");
    assertThat(result[3]).isNull();
    assertThat(result[4]).as("a later message of the key, held behind").isNotNull()
        .hasMessageContaining("earlier message of its key 'a'");
    assertThat(PermanentPublishException.isPermanent(result[4])).as("held, not poison").isFalse();
    assertThat(sent.stream().flatMap(List::stream).toList()).containsExactly("1", "2", "3");
    assertThat(counters.tooLarge.sum()).isEqualTo(1);
  }

  @Test
  void aFailedBatchFailsEachOfItsMessagesAndTheLaterMessagesOfTheirKeys() {
    failNextSend = new ServiceBusException(new AmqpException(true, AmqpErrorCondition.SERVER_BUSY_ERROR, "busy",
        new AmqpErrorContext("ns")), ServiceBusErrorSource.SEND);
    List<OutgoingMessage> messages = List.of(message("a", "11111"), message("b", "22222"), message("a", "33333"),
        message("c", "44444"));

    Throwable[] result = packer(10).sendAll(messages);

    assertThat(result[0]).hasMessageContaining("will retry");
    assertThat(result[1]).hasMessageContaining("will retry");
    assertThat(PermanentPublishException.isPermanent(result[0])).isFalse();
    assertThat(result[2]).hasMessageContaining("earlier message of its key 'a'");
    assertThat(result[3]).as("another key goes on").isNull();
    assertThat(sent).containsExactly(List.of("44444"));
  }

  @Test
  void withoutABatchEveryMessageFailsAsUnavailable() {
    BatchPacker noLink = new BatchPacker("whizbang.orders.events", () -> {
      throw new ServiceBusException(new AmqpException(true, AmqpErrorCondition.PROTON_IO, "connection refused",
          new AmqpErrorContext("ns")), ServiceBusErrorSource.SEND);
    }, counters);

    Throwable[] result = noLink.sendAll(List.of(message("a", "1"), message("b", "2"), message("a", "3")));

    assertThat(result[0]).hasMessageContaining("connection refused");
    assertThat(result[1]).hasMessageContaining("connection refused");
    assertThat(result[2]).hasMessageContaining("earlier message of its key 'a'");
    assertThat(result).allSatisfy(r -> assertThat(PermanentPublishException.isPermanent(r)).isFalse());
  }
}
