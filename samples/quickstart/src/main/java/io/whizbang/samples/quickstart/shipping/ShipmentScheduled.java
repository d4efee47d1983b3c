package io.whizbang.samples.quickstart.shipping;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;
import io.whizbang.annotations.WireName;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** Shipping planned the parcels of an order. */
@WireName("shipping.ShipmentScheduled.v1")
public record ShipmentScheduled(@PartitionKey UUID orderId, LocalDate shipBy, Map<String, Integer> parcelsBySku)
    implements Event {}
