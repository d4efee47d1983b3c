package hostile;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A message with one component of each kind a hostile payload can aim at (see HostileInputTest). */
@OwnedBy("hostile")
public record Shipment(
    UUID id,
    int count,
    long total,
    double ratio,
    float weight,
    boolean express,
    char grade,
    Integer boxes,
    String name,
    @Nullable String note,
    Optional<String> tag,
    BigDecimal amount,
    BigInteger serial,
    Instant at,
    List<Line> lines,
    Set<Status> statuses,
    Map<Integer, String> byNumber,
    Map<UUID, Long> byId,
    Status status) implements Event {

  public record Line(String sku, int qty) {}

  public enum Status { OPEN, DONE }

  @java.lang.annotation.Target(java.lang.annotation.ElementType.RECORD_COMPONENT)
  @interface Nullable {}
}
