package io.whizbang.sqs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.CreateTopicResponse;
import software.amazon.awssdk.services.sns.model.GetSubscriptionAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetSubscriptionAttributesResponse;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicRequest;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.ListTopicsRequest;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.SetSubscriptionAttributesRequest;
import software.amazon.awssdk.services.sns.model.SetSubscriptionAttributesResponse;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;
import software.amazon.awssdk.services.sns.model.SubscribeResponse;

/**
 * A real SNS client that answers chosen PublishBatch entries with a per-entry failure instead of publishing them.
 * Everything else goes to the server.
 */
final class RefusingSnsClient implements SnsClient {

  private final SnsClient real;
  private final ConcurrentHashMap<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
  private final Set<String> senderFaults = ConcurrentHashMap.newKeySet();
  private volatile IntSupplier maxBodyBytes = () -> Integer.MAX_VALUE;

  RefusingSnsClient(SnsClient real) {
    this.real = real;
  }

  /**
   * Refuses, as the sender's fault, every message whose body has more UTF-8 bytes than {@code limit} says at the
   * time, as SQS refuses a message over a queue's MaximumMessageSize (which not every emulator enforces).
   */
  void refuseBodiesOver(IntSupplier limit) {
    maxBodyBytes = limit;
  }

  /** Refuses the message {@code times} times, as a service-side (retryable) or a sender (invalid) fault. */
  void refuse(String messageId, int times, boolean senderFault) {
    refusals.put(messageId, new AtomicInteger(times));
    if (senderFault) {
      senderFaults.add(messageId);
    }
  }

  @Override
  public PublishBatchResponse publishBatch(PublishBatchRequest request) {
    List<PublishBatchRequestEntry> send = new ArrayList<>();
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    for (PublishBatchRequestEntry e : request.publishBatchRequestEntries()) {
      int limit = maxBodyBytes.getAsInt();
      if (e.message().getBytes(StandardCharsets.UTF_8).length > limit) {
        failed.add(BatchResultErrorEntry.builder().id(e.id()).senderFault(true).code("InvalidParameter")
            .message("One or more parameters are invalid. Reason: Message must be shorter than " + limit
                + " bytes.").build());
        continue;
      }
      AtomicInteger left = refusals.get(e.messageDeduplicationId());
      if (left != null && left.getAndDecrement() > 0) {
        boolean sender = senderFaults.contains(e.messageDeduplicationId());
        failed.add(BatchResultErrorEntry.builder().id(e.id()).senderFault(sender)
            .code(sender ? "InvalidParameter" : "Throttled").message(sender ? "bad entry" : "slow down").build());
      } else {
        send.add(e);
      }
    }
    if (send.isEmpty()) {
      return PublishBatchResponse.builder().failed(failed).build();
    }
    PublishBatchResponse response = real.publishBatch(request.toBuilder().publishBatchRequestEntries(send).build());
    List<BatchResultErrorEntry> allFailed = new ArrayList<>(response.failed());
    allFailed.addAll(failed);
    return response.toBuilder().failed(allFailed).build();
  }

  @Override
  public CreateTopicResponse createTopic(CreateTopicRequest request) {
    return real.createTopic(request);
  }

  @Override
  public ListTopicsResponse listTopics(ListTopicsRequest request) {
    return real.listTopics(request);
  }

  @Override
  public SubscribeResponse subscribe(SubscribeRequest request) {
    return real.subscribe(request);
  }

  @Override
  public ListSubscriptionsByTopicResponse listSubscriptionsByTopic(ListSubscriptionsByTopicRequest request) {
    return real.listSubscriptionsByTopic(request);
  }

  @Override
  public GetSubscriptionAttributesResponse getSubscriptionAttributes(GetSubscriptionAttributesRequest request) {
    return real.getSubscriptionAttributes(request);
  }

  @Override
  public SetSubscriptionAttributesResponse setSubscriptionAttributes(SetSubscriptionAttributesRequest request) {
    return real.setSubscriptionAttributes(request);
  }

  @Override
  public String serviceName() {
    return real.serviceName();
  }

  @Override
  public void close() {
    real.close();
  }
}
