@OwnedBy("orders")
package shop.orders;

import io.whizbang.annotations.OwnedBy;
