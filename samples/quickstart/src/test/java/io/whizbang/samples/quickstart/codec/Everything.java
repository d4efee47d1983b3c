package io.whizbang.samples.quickstart.codec;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;
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

/** Every supported component type at once. */
public record Everything(
    @PartitionKey UUID id,
    boolean flag,
    int count,
    long big,
    short small,
    byte tiny,
    double ratio,
    float ratioFloat,
    char initial,
    Boolean maybeFlag,
    Integer boxedCount,
    Long boxedBig,
    Double boxedRatio,
    String text,
    BigDecimal amount,
    BigInteger huge,
    Instant at,
    LocalDate day,
    LocalDateTime local,
    LocalTime time,
    OffsetDateTime offset,
    ZonedDateTime zoned,
    Duration duration,
    Period period,
    Optional<String> note,
    Optional<Node> maybeNode,
    List<String> tags,
    Set<Integer> numbers,
    Map<String, Node> byName,
    Map<UUID, Long> byId,
    Map<Colour, String> byColour,
    Map<Integer, String> byNumber,
    byte[] bytes,
    int[] ints,
    long[] longs,
    double[] doubles,
    boolean[] flags,
    Node node,
    List<Node> nodes,
    Colour colour,
    @Nullable String maybe) implements Event {}
