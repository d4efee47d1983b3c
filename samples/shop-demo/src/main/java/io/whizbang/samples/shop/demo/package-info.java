/**
 * The shop demo: an API gateway and the orders, inventory, shipping and analytics services, wired without a
 * container, run in one JVM (with trouble injected and a report) or one service per process.
 */
@WhizbangService(name = "gateway")
package io.whizbang.samples.shop.demo;

import io.whizbang.annotations.WhizbangService;
