package orders;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;

@OwnedBy("orders")
public record OrderPlaced(String orderId) implements Event {}
