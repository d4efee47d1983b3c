package io.whizbang.annotations;

/**
 * A fact that happened in the owning domain, published only by that domain and broadcast to every subscribing
 * service (each service gets its own copy).
 *
 * <pre>{@code
 * @OwnedBy("orders")
 * public record OrderPlaced(@PartitionKey UUID orderId, BigDecimal total) implements Event {}
 * }</pre>
 */
public non-sealed interface Event extends Message {}
