package io.whizbang.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that handles one message type: its first parameter is the message; an optional second parameter
 * of type {@code io.whizbang.runtime.dispatch.HandlerContext} gives access to the message's metadata and lets the
 * handler send commands and publish events. The method returns {@code void}, is not private and not static.
 *
 * <pre>{@code
 * final class ShippingHandlers {
 *   @Handles void on(OrderPlaced event, HandlerContext context) { ... }
 * }
 * }</pre>
 *
 * <p>A command is handled only in the service that owns its domain, by exactly one method.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Handles {}
