@WhizbangService(name = "billing", owns = "billing")
@OwnedBy("billing")
package billing;

import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.WhizbangService;
