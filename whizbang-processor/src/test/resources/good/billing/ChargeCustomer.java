package billing;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.PartitionKey;

public record ChargeCustomer(@PartitionKey String customer, java.math.BigDecimal amount) implements Command {}
