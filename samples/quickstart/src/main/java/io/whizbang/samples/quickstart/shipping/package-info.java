/** Events of the shipping domain. */
@OwnedBy("shipping")
package io.whizbang.samples.quickstart.shipping;

import io.whizbang.annotations.OwnedBy;
