package io.whizbang.servicebus;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.transport.PermanentPublishException;
import io.whizbang.runtime.transport.kit.PublishFailures;
import java.util.Set;

/**
 * Which failed sends refuse their messages for good (the outbox relay parks them) and which mean "unavailable" (the
 * relay retries, holding the key). For good: the message is too large for the entity, the credentials may not send
 * to it, or Service Bus rejected an argument of the message; and only when the SDK does not call the failure
 * transient. Everything else is unavailability: a busy or unreachable namespace, a timeout, a lost connection, a
 * full entity (quota), a disabled one, and a missing one (which an operator creates; reported as
 * {@link MissingEntityException}).
 */
final class PublishRefusals {

  private static final Set<ServiceBusFailureReason> PERMANENT_REASONS =
      Set.of(ServiceBusFailureReason.MESSAGE_SIZE_EXCEEDED, ServiceBusFailureReason.UNAUTHORIZED);
  private static final Set<AmqpErrorCondition> PERMANENT_CONDITIONS = Set.of(
      AmqpErrorCondition.LINK_PAYLOAD_SIZE_EXCEEDED, AmqpErrorCondition.UNAUTHORIZED_ACCESS,
      AmqpErrorCondition.ARGUMENT_ERROR, AmqpErrorCondition.ARGUMENT_OUT_OF_RANGE_ERROR);

  private PublishRefusals() {}

  /** Whether {@code error}, as the SDK reported it, refuses the message for good. When in doubt: false. */
  static boolean isPermanent(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < 10; t = t.getCause(), depth++) {
      if (t instanceof PermanentPublishException) {
        return true;
      }
      if (t instanceof ServiceBusException sb) {
        if (sb.isTransient()) {
          return false;
        }
        if (PERMANENT_REASONS.contains(sb.getReason())) {
          return true;
        }
      } else if (t instanceof AmqpException amqp) {
        return !amqp.isTransient() && amqp.getErrorCondition() != null
            && PERMANENT_CONDITIONS.contains(amqp.getErrorCondition());
      }
    }
    return false;
  }

  /** Whether {@code error} says the entity does not exist. */
  static boolean isMissingEntity(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < 10; t = t.getCause(), depth++) {
      if (t instanceof ServiceBusException sb
          && sb.getReason() == ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND) {
        return true;
      }
      if (t instanceof AmqpException amqp && amqp.getErrorCondition() == AmqpErrorCondition.NOT_FOUND) {
        return true;
      }
    }
    return false;
  }

  /** The failure of a message the send to {@code entity} failed with {@code error}: refused, missing or unavailable. */
  static WhizbangException failure(String entity, String what, Throwable error) {
    if (isMissingEntity(error)) {
      return new MissingEntityException("Service Bus entity '" + entity + "' does not exist, so " + what
          + " was not sent: create it (ServiceBusTopology lists what a service needs) or turn provisioning on;"
          + " the relay retries meanwhile", error);
    }
    return PublishFailures.classify("Service Bus: sending " + what + " to '" + entity + "' failed"
        + (isPermanent(error) ? " for good" : ", will retry") + ": " + error.getMessage(), error,
        PublishRefusals::isPermanent);
  }
}
