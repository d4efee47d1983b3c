package io.whizbang.sqs;

/**
 * Counters of the API calls a transport made since it started: how well batching works under load is
 * {@code sentMessages / sendCalls} and {@code receivedMessages / receiveCalls}.
 *
 * @param sendCalls SendMessageBatch and PublishBatch calls
 * @param sentMessages batch entries those calls accepted
 * @param receiveCalls ReceiveMessage calls that returned at least one message
 * @param receivedMessages messages those calls returned
 * @param emptyReceives ReceiveMessage calls that returned nothing (long polls that timed out)
 * @param deleteCalls DeleteMessageBatch calls
 * @param visibilityExtensions messages whose visibility timeout was extended while their handler ran
 */
public record SqsStats(long sendCalls, long sentMessages, long receiveCalls, long receivedMessages,
    long emptyReceives, long deleteCalls, long visibilityExtensions) {

  public double messagesPerSend() {
    return sendCalls == 0 ? 0 : (double) sentMessages / sendCalls;
  }

  public double messagesPerReceive() {
    return receiveCalls == 0 ? 0 : (double) receivedMessages / receiveCalls;
  }
}
