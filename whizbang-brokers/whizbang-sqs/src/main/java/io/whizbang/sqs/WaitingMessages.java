package io.whizbang.sqs;

import io.whizbang.runtime.transport.kit.BacklogRefresh;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Reads a subscription's backlog: the sum of {@code ApproximateNumberOfMessages} over the queues it receives from,
 * the messages waiting to be received. Messages received and not deleted yet ({@code ...NotVisible}: in a handler's
 * hands, or released with a delay) are left out, as RabbitMQ leaves out its unacknowledged ones: the backlog says
 * what the consumers have not reached, and a stuck consumer shows as a backlog that grows.
 */
final class WaitingMessages implements BacklogRefresh.Reader {

  private final SqsClient sqs;
  private final List<String> queueUrls;

  WaitingMessages(SqsClient sqs, List<String> queueUrls) {
    this.sqs = sqs;
    this.queueUrls = List.copyOf(queueUrls);
  }

  @Override
  public long read() {
    long waiting = 0;
    for (String url : queueUrls) {
      String count = sqs.getQueueAttributes(b -> b.queueUrl(url)
          .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
          .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
      if (count == null) {
        throw new IllegalStateException("the server did not answer ApproximateNumberOfMessages for " + url);
      }
      waiting += Long.parseLong(count);
    }
    return waiting;
  }
}
