package billing;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;
import io.whizbang.annotations.WireName;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Every kind of component the codec supports, for the schema tests. */
@WireName("billing.InvoiceIssued")
public record InvoiceIssued(
    @PartitionKey UUID invoiceId,
    boolean paid,
    char grade,
    byte flags,
    short lineCount,
    int number,
    long sequence,
    float ratio,
    double weight,
    Integer priority,
    Double discount,
    String customer,
    BigDecimal total,
    BigInteger units,
    Instant issuedAt,
    LocalDate dueOn,
    LocalTime cutOff,
    LocalDateTime localIssuedAt,
    OffsetDateTime sentAt,
    ZonedDateTime zonedAt,
    Duration term,
    Period grace,
    byte[] signature,
    char[] code,
    int[] counts,
    double[] weights,
    Currency currency,
    Money net,
    List<Line> lines,
    Set<String> tags,
    Map<String, BigDecimal> taxes,
    Map<UUID, Integer> byAccount,
    Map<Long, String> byNumber,
    Map<Currency, Money> byCurrency,
    Optional<Instant> paidAt,
    @Nullable String note,
    @Nullable Money credit,
    @Nullable int retries,
    Category category) implements Event {

  public enum Currency { EUR, USD, CHF }

  public record Money(BigDecimal amount, Currency currency) {}

  public record Line(String sku, int quantity, @Nullable Money price) {}

  /** A tree: a category holds its sub-categories. */
  public record Category(String name, List<Category> children) {}

  @java.lang.annotation.Target(java.lang.annotation.ElementType.RECORD_COMPONENT)
  @interface Nullable {}
}
