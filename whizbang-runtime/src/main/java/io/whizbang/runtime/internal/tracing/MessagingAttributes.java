package io.whizbang.runtime.internal.tracing;

/**
 * The attribute names of the spans, those of OpenTelemetry's messaging semantic conventions and the runtime's own
 * ({@code whizbang.*}); plain strings, so that no semantic-conventions artifact is needed.
 */
final class MessagingAttributes {
  static final String SYSTEM = "messaging.system";
  static final String DESTINATION = "messaging.destination.name";
  static final String MESSAGE_ID = "messaging.message.id";
  static final String CONVERSATION_ID = "messaging.message.conversation_id";
  static final String OPERATION_TYPE = "messaging.operation.type";
  static final String OPERATION_NAME = "messaging.operation.name";
  static final String CONSUMER_GROUP = "messaging.consumer.group.name";
  static final String BATCH_COUNT = "messaging.batch.message_count";
  static final String ERROR_TYPE = "error.type";
  static final String WIRE_NAME = "whizbang.wire_name";
  static final String INBOX_OUTCOME = "whizbang.inbox.outcome";
  static final String RELAY_ID = "whizbang.relay.id";
  static final String PROJECTION = "whizbang.projection";

  private MessagingAttributes() {}

  /**
   * The {@code messaging.system} of a transport: the conventions' value for the brokers they name, the transport's
   * own name ({@code Transport.name()}) for the others.
   */
  static String system(String transportName) {
    return switch (transportName) {
      case "sqs", "sns-sqs" -> "aws_sqs";
      case "in-memory" -> "whizbang-memory";
      default -> transportName;
    };
  }
}
