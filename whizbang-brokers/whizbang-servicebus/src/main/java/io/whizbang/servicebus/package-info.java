/** The Azure Service Bus transport: topics and subscriptions for events, queues for commands, sessions for per-key order. */
package io.whizbang.servicebus;
