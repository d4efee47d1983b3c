package io.whizbang.annotations;

/**
 * A request to do something, sent to the one service that owns the command's domain (competing consumers inside
 * that service, exactly one handler).
 *
 * <pre>{@code
 * @OwnedBy("orders")
 * public record PlaceOrder(@PartitionKey UUID orderId, String customer) implements Command {}
 * }</pre>
 */
public non-sealed interface Command extends Message {}
