package io.whizbang.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the record component that identifies the aggregate a message belongs to. Messages with the same key are
 * published, delivered and handled in order on every broker; messages with different keys may be handled in
 * parallel. A message type without a key has no ordering guarantee beyond the broker's.
 *
 * <pre>{@code public record OrderPlaced(@PartitionKey UUID orderId, ...) implements Event {}}</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface PartitionKey {}
