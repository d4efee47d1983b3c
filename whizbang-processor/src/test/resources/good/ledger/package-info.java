@WhizbangService(name = "ledger", owns = "ledger")
@OwnedBy("ledger")
package ledger;

import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.WhizbangService;
