package io.whizbang.sqs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Sends to one SQS queue with SendMessageBatch; on FIFO queues group = partition key, deduplication id = message id. */
final class QueueTarget implements BatchTarget {

  private final SqsClient sqs;
  private final String name;
  private final String url;
  private final boolean fifo;

  QueueTarget(SqsClient sqs, String name, String url, boolean fifo) {
    this.sqs = sqs;
    this.name = name;
    this.url = url;
    this.fifo = fifo;
  }

  @Override
  public String describe() {
    return "SQS queue " + name;
  }

  @Override
  public List<EntryFailure> send(List<WireMessage> entries) {
    List<SendMessageBatchRequestEntry> request = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      WireMessage m = entries.get(i);
      SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
          .id(Integer.toString(i)).messageBody(m.body()).messageAttributes(attributes(m.attributes()));
      if (fifo) {
        entry.messageGroupId(GroupIds.of(m)).messageDeduplicationId(m.message().messageId().toString());
      }
      request.add(entry.build());
    }
    SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(request));
    return response.failed().stream().map(f -> new EntryFailure(Integer.parseInt(f.id()), f.code(), f.message(),
        Boolean.TRUE.equals(f.senderFault()))).toList();
  }

  static Map<String, MessageAttributeValue> attributes(Map<String, String> attributes) {
    Map<String, MessageAttributeValue> out = new HashMap<>();
    attributes.forEach((k, v) -> out.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
    return out;
  }
}
