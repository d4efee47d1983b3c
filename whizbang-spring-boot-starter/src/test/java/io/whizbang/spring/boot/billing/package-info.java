/** A small service for the starter's tests: it charges cards, and hears about its own charges. */
@WhizbangService(name = "billing", owns = "billing")
@OwnedBy("billing")
package io.whizbang.spring.boot.billing;

import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.WhizbangService;
