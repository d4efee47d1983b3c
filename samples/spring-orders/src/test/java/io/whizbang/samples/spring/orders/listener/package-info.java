/** A plain-Java service of the test: it hears the orders the Spring application places. */
@WhizbangService(name = "order-listener")
package io.whizbang.samples.spring.orders.listener;

import io.whizbang.annotations.WhizbangService;
