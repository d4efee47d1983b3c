/** The quickstart service: it owns the orders and shipping domains. */
@WhizbangService(name = "quickstart", owns = {"orders", "shipping"})
package io.whizbang.samples.quickstart;

import io.whizbang.annotations.WhizbangService;
