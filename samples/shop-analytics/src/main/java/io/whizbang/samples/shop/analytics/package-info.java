/** The analytics service: a read model of the orders domain, built by a projection that backfills over HTTP. */
@WhizbangService(name = "analytics")
package io.whizbang.samples.shop.analytics;

import io.whizbang.annotations.WhizbangService;
