/** Commands and events of the orders domain. */
@OwnedBy("orders")
package io.whizbang.samples.quickstart.orders;

import io.whizbang.annotations.OwnedBy;
