package io.whizbang.samples.shop.shipping;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;
import java.time.Instant;
import java.util.UUID;

/** Shipping handed an order's parcel to a carrier. */
public record OrderShipped(@PartitionKey UUID orderId, String carrier, String trackingNumber, Instant shippedAt)
    implements Event {}
