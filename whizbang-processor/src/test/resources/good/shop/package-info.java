@WhizbangService(name = "shop", owns = "orders")
package shop;

import io.whizbang.annotations.WhizbangService;
