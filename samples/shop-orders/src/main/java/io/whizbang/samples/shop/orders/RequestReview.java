package io.whizbang.samples.shop.orders;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.PartitionKey;
import io.whizbang.annotations.TimeToLive;
import java.util.UUID;

/**
 * Asks the customer of an order to review it. The orders service schedules it when the order is placed, to be
 * delivered a little later, and cancels it when the order is cancelled before then; past a day it is not worth
 * sending any more.
 */
@TimeToLive("P1D")
public record RequestReview(@PartitionKey UUID orderId) implements Command {}
