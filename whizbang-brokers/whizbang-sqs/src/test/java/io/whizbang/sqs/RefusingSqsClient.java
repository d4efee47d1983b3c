package io.whizbang.sqs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.ListQueuesRequest;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesResponse;

/**
 * A real SQS client that answers chosen batch entries with a per-entry failure instead of sending them, as SQS does
 * when it throttles one entry or rejects it as invalid. Everything else goes to the server.
 */
final class RefusingSqsClient implements SqsClient {

  private final SqsClient real;
  /** Deduplication ids (message ids) to refuse, and how many more times. */
  private final ConcurrentHashMap<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
  private final Set<String> senderFaults = ConcurrentHashMap.newKeySet();
  private volatile IntSupplier maxBodyBytes = () -> Integer.MAX_VALUE;
  private volatile CountDownLatch gate;
  private volatile CountDownLatch arrived;

  RefusingSqsClient(SqsClient real) {
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

  /**
   * Holds every send at a gate until {@code open} counts down; {@code arrived} counts down when the first send is
   * held, so that a test knows a send is under way.
   */
  void holdSends(CountDownLatch open, CountDownLatch arrived) {
    this.gate = open;
    this.arrived = arrived;
  }

  @Override
  public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
    CountDownLatch g = gate;
    if (g != null) {
      arrived.countDown();
      try {
        g.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<SendMessageBatchRequestEntry> send = new ArrayList<>();
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    for (SendMessageBatchRequestEntry e : request.entries()) {
      int limit = maxBodyBytes.getAsInt();
      if (e.messageBody().getBytes(StandardCharsets.UTF_8).length > limit) {
        failed.add(BatchResultErrorEntry.builder().id(e.id()).senderFault(true).code("InvalidParameterValue")
            .message("One or more parameters are invalid. Reason: Message must be shorter than " + limit
                + " bytes.").build());
        continue;
      }
      AtomicInteger left = refusals.get(e.messageDeduplicationId());
      if (left != null && left.getAndDecrement() > 0) {
        boolean sender = senderFaults.contains(e.messageDeduplicationId());
        failed.add(BatchResultErrorEntry.builder().id(e.id()).senderFault(sender)
            .code(sender ? "InvalidParameterValue" : "InternalError")
            .message(sender ? "the entry is not valid" : "try again").build());
      } else {
        send.add(e);
      }
    }
    if (send.isEmpty()) {
      return SendMessageBatchResponse.builder().failed(failed).build();
    }
    SendMessageBatchResponse response = real.sendMessageBatch(request.toBuilder().entries(send).build());
    List<BatchResultErrorEntry> allFailed = new ArrayList<>(response.failed());
    allFailed.addAll(failed);
    return response.toBuilder().failed(allFailed).build();
  }

  @Override
  public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
    return real.getQueueUrl(request);
  }

  @Override
  public CreateQueueResponse createQueue(CreateQueueRequest request) {
    return real.createQueue(request);
  }

  @Override
  public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
    return real.getQueueAttributes(request);
  }

  @Override
  public SetQueueAttributesResponse setQueueAttributes(SetQueueAttributesRequest request) {
    return real.setQueueAttributes(request);
  }

  @Override
  public ListQueuesResponse listQueues(ListQueuesRequest request) {
    return real.listQueues(request);
  }

  @Override
  public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
    return real.receiveMessage(request);
  }

  @Override
  public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
    return real.deleteMessageBatch(request);
  }

  @Override
  public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
    return real.changeMessageVisibility(request);
  }

  @Override
  public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(ChangeMessageVisibilityBatchRequest r) {
    return real.changeMessageVisibilityBatch(r);
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
