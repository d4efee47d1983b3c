package shop.orders;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public record OrderPlaced(
    @PartitionKey UUID orderId,
    long sequence,
    Integer priority,
    String customer,
    BigDecimal total,
    Instant placedAt,
    Optional<String> note,
    List<Line> lines,
    Map<Status, Integer> countsByStatus,
    byte[] signature,
    @Nullable String coupon) implements Event {

  public record Line(String sku, int quantity) {}

  public enum Status { OPEN, DONE }

  @java.lang.annotation.Target(java.lang.annotation.ElementType.RECORD_COMPONENT)
  @interface Nullable {}
}
