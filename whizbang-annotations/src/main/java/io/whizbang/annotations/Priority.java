package io.whizbang.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The broker priority of a command's or event's messages, 0 (lowest, the default) to 9 (highest). A broker with
 * priorities (RabbitMQ classic queues) hands a waiting message of higher priority to a consumer first; the others
 * ignore it and log that once. A send can override it ({@code SendOptions.priority}). See docs/message-options.md.
 *
 * <pre>{@code @Priority(7) public record CancelOrder(@PartitionKey String orderId) implements Command {}}</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Priority {
  /** 0 to 9. */
  int value();
}
