/** The shipping service: it ships placed orders and owns the shipping domain's events. */
@WhizbangService(name = "shipping", owns = "shipping")
@OwnedBy("shipping")
package io.whizbang.samples.shop.shipping;

import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.WhizbangService;
