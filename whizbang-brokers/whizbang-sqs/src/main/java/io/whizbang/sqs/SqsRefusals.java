package io.whizbang.sqs;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Which failed SQS/SNS calls refuse their messages for good (the outbox relay parks them): the caller is not
 * authorised, or the request is invalid. Throttling, server errors, timeouts and refused connections are
 * unavailability: the relay keeps the messages and retries. (Messages over 256 KiB are refused before sending, with
 * {@link MessageTooLargeException}; a batch entry refused as the sender's fault is permanent too.)
 */
final class SqsRefusals {
  private static final Set<String> PERMANENT_CODES = Set.of(
      "AccessDenied", "AccessDeniedException", "AuthorizationError", "AuthorizationErrorException",
      "InvalidParameterValue", "InvalidParameterValueException", "InvalidParameter", "InvalidParameterException",
      "InvalidMessageContents", "KMSAccessDenied", "KMSAccessDeniedException");

  private SqsRefusals() {}

  static boolean isPermanent(Throwable error) {
    if (error instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      String code = service.awsErrorDetails().errorCode();
      return code != null && PERMANENT_CODES.contains(code);
    }
    return false;
  }
}
