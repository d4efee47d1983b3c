package shop.orders;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.PartitionKey;
import io.whizbang.annotations.Priority;
import io.whizbang.annotations.TimeToLive;
import java.util.UUID;

@Priority(7)
@TimeToLive("PT30M")
public record PlaceOrder(@PartitionKey UUID orderId, String customer, int quantity) implements Command {}
