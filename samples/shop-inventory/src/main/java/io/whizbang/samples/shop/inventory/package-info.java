/** The inventory service: it reserves stock for placed orders and releases it for cancelled ones. */
@WhizbangService(name = "inventory")
package io.whizbang.samples.shop.inventory;

import io.whizbang.annotations.WhizbangService;
