/**
 * The orders service: it owns the orders domain (its commands and events) and keeps each order as an event-sourced
 * aggregate, so that an accepted command's events reach the event store and the outbox in one transaction.
 */
@WhizbangService(name = "orders", owns = "orders")
@OwnedBy("orders")
package io.whizbang.samples.shop.orders;

import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.WhizbangService;
