package io.whizbang.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the service this compilation builds and the domains it owns. At most one per compilation; put it on
 * {@code package-info.java} or on any class. The processor checks ownership against it (a command may be handled
 * only in its owning service) and names the generated module after it.
 *
 * <pre>{@code
 * @WhizbangService(name = "shipping", owns = "shipping")
 * package com.example.shipping;
 * }</pre>
 *
 * <p>A compilation without this annotation (a shared library of message types, say) owns no domain and may hold
 * message types and event handlers but no command handlers.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface WhizbangService {
  /** The service name, used as its subscriber id / consumer group ({@code [a-z][a-z0-9-]*}). */
  String name();

  /** The domains whose commands this service handles and whose events it publishes. */
  String[] owns() default {};
}
