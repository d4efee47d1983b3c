package io.whizbang.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link EventSourced} type that applies one event to the aggregate's state. It takes
 * exactly one parameter, the event (a record implementing {@link Event}), is not private and not static, and
 * either returns the next state (the aggregate's own type; required for records) or returns {@code void} after
 * changing a mutable class in place.
 *
 * <pre>{@code
 * @Applies Order on(OrderPlaced e) { return new Order(id, Status.PLACED, e.lines()); }
 * }</pre>
 *
 * <p>An applier only changes state: it is called on every replay, so it must not decide, validate or have side
 * effects. Each event type has at most one applier per aggregate.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Applies {}
