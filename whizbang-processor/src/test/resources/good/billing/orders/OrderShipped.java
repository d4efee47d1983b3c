package billing.orders;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.PartitionKey;

/** An event of another domain, declared here as a message library would declare it. */
@OwnedBy("orders")
public record OrderShipped(@PartitionKey long orderNumber, String customer) implements Event {}
