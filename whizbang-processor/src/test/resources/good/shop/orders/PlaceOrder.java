package shop.orders;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.PartitionKey;
import java.util.UUID;

public record PlaceOrder(@PartitionKey UUID orderId, String customer, int quantity) implements Command {}
