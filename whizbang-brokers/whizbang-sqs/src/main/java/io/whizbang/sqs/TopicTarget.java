package io.whizbang.sqs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;

/** Publishes to one SNS topic with PublishBatch; on FIFO topics group = partition key, deduplication id = message id. */
final class TopicTarget implements BatchTarget {

  private final SnsClient sns;
  private final String name;
  private final String arn;
  private final boolean fifo;

  TopicTarget(SnsClient sns, String name, String arn, boolean fifo) {
    this.sns = sns;
    this.name = name;
    this.arn = arn;
    this.fifo = fifo;
  }

  @Override
  public String describe() {
    return "SNS topic " + name;
  }

  @Override
  public List<EntryFailure> send(List<WireMessage> entries) {
    List<PublishBatchRequestEntry> request = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      WireMessage m = entries.get(i);
      Map<String, MessageAttributeValue> attributes = new HashMap<>();
      m.attributes().forEach((k, v) ->
          attributes.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
      PublishBatchRequestEntry.Builder entry = PublishBatchRequestEntry.builder()
          .id(Integer.toString(i)).message(m.body()).messageAttributes(attributes);
      if (fifo) {
        entry.messageGroupId(GroupIds.of(m)).messageDeduplicationId(m.message().messageId().toString());
      }
      request.add(entry.build());
    }
    PublishBatchResponse response = sns.publishBatch(b -> b.topicArn(arn).publishBatchRequestEntries(request));
    return response.failed().stream().map(f -> new EntryFailure(Integer.parseInt(f.id()), f.code(), f.message(),
        Boolean.TRUE.equals(f.senderFault()))).toList();
  }
}
