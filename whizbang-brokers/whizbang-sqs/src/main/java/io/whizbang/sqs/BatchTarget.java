package io.whizbang.sqs;

import java.util.List;

/** Where a batch of up to ten messages goes in one call: an SQS queue (SendMessageBatch) or an SNS topic. */
interface BatchTarget {

  /** For error messages: "SQS queue whizbang-orders-commands.fifo". */
  String describe();

  /**
   * Sends the entries in one call and returns the ones the service refused (positions in {@code entries}); an
   * exception means the call as a whole failed and no entry is known to have been accepted.
   */
  List<EntryFailure> send(List<WireMessage> entries);

  /** One refused batch entry, as the service reported it. */
  record EntryFailure(int index, String code, String message, boolean senderFault) {}
}
