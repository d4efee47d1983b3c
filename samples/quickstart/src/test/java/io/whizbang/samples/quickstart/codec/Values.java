package io.whizbang.samples.quickstart.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** Test values: hand-picked extremes, and seeded random ones so that a failure is reproducible. */
final class Values {

  static final List<String> STRINGS = List.of(
      "", "plain", "quote \" and backslash \\ and slash /", "tab\tnewline\nreturn\r", "\u0000\u0001\u001f\u007f",
      "é ü ß ø", "日本語のテキスト", "emoji 😀 surrogate pair \uD83D\uDE00", "𝄞 music", "\u2028\u2029 separators",
      "<script>alert('x')</script>", "x".repeat(5000));

  private Values() {}

  static Everything extremes() {
    return new Everything(new UUID(Long.MIN_VALUE, Long.MAX_VALUE), true, Integer.MIN_VALUE, Long.MIN_VALUE,
        Short.MIN_VALUE, Byte.MIN_VALUE, -Double.MAX_VALUE, Float.MIN_VALUE, 'Ω', Boolean.FALSE,
        Integer.MAX_VALUE, Long.MAX_VALUE, Double.MIN_VALUE, STRINGS.get(7),
        new BigDecimal("-1234567890123456789012345678901234567890.123456789012345678901234567890"),
        new BigInteger("9".repeat(300)), Instant.MIN, LocalDate.MAX, LocalDateTime.MIN, LocalTime.MAX,
        OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_999, ZoneOffset.ofHours(-18)),
        ZonedDateTime.of(2025, 3, 30, 2, 30, 0, 0, ZoneId.of("Europe/Paris")), Duration.ofSeconds(Long.MAX_VALUE),
        Period.of(-1, 13, 400), Optional.of(""), Optional.of(new Node("leaf", 0, List.of())), List.of(), Set.of(),
        Map.of(), Map.of(), Map.of(), Map.of(), new byte[0], new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE},
        new long[] {Long.MIN_VALUE}, new double[] {0.0, -0.0, 1e-300}, new boolean[] {true, false},
        tree(3), List.of(), Colour.BLUE, null);
  }

  /** All nullable references null, all Optionals empty. */
  static Everything nulls() {
    return new Everything(null, false, 0, 0, (short) 0, (byte) 0, 0, 0, 'a', null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, Optional.empty(), Optional.empty(), null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  static Everything random(long seed) {
    Random random = new Random(seed);
    List<String> tags = new ArrayList<>();
    Set<Integer> numbers = new LinkedHashSet<>();
    Map<String, Node> byName = new LinkedHashMap<>();
    Map<UUID, Long> byId = new LinkedHashMap<>();
    Map<Colour, String> byColour = new LinkedHashMap<>();
    Map<Integer, String> byNumber = new LinkedHashMap<>();
    for (int i = random.nextInt(6); i > 0; i--) {
      tags.add(string(random));
      numbers.add(random.nextInt());
      byName.put(string(random), tree(random.nextInt(3)));
      byId.put(new UUID(random.nextLong(), random.nextLong()), random.nextLong());
      byColour.put(Colour.values()[random.nextInt(3)], string(random));
      byNumber.put(random.nextInt(), string(random));
    }
    byte[] bytes = new byte[random.nextInt(40)];
    random.nextBytes(bytes);
    return new Everything(UUID.randomUUID(), random.nextBoolean(), random.nextInt(), random.nextLong(),
        (short) random.nextInt(), (byte) random.nextInt(), random.nextDouble() * Math.pow(10, random.nextInt(600) - 300),
        random.nextFloat(), (char) (' ' + random.nextInt(90)), random.nextBoolean(), random.nextInt(),
        random.nextLong(), random.nextGaussian(), string(random),
        new BigDecimal(new BigInteger(200, random), random.nextInt(60) - 30), new BigInteger(500, random).negate(),
        Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000)),
        LocalDate.ofEpochDay(random.nextInt(2_000_000) - 1_000_000),
        LocalDateTime.of(2000 + random.nextInt(100), 1 + random.nextInt(12), 1 + random.nextInt(28),
            random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000_000)),
        LocalTime.ofNanoOfDay(Math.floorMod(random.nextLong(), 86_400_000_000_000L)),
        OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofTotalSeconds(random.nextInt(36) * 900 - 16 * 3600)),
        ZonedDateTime.of(2021, 6, 1, 12, 0, 0, random.nextInt(1_000_000_000), ZoneId.of("America/New_York")),
        Duration.ofNanos(random.nextLong()), Period.of(random.nextInt(100), random.nextInt(12), random.nextInt(31)),
        random.nextBoolean() ? Optional.of(string(random)) : Optional.empty(),
        random.nextBoolean() ? Optional.of(tree(1)) : Optional.empty(), tags, numbers, byName, byId, byColour,
        byNumber, bytes, random.ints(random.nextInt(5)).toArray(), random.longs(random.nextInt(5)).toArray(),
        random.doubles(random.nextInt(5)).toArray(), new boolean[] {random.nextBoolean()}, tree(random.nextInt(4)),
        List.of(tree(0), tree(1)), Colour.values()[random.nextInt(3)],
        random.nextBoolean() ? string(random) : null);
  }

  static Node tree(int depth) {
    List<Node> children = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      children.add(tree(depth - 1));
    }
    return new Node("node-" + depth, depth * 7, children);
  }

  private static String string(Random random) {
    if (random.nextInt(3) == 0) {
      return STRINGS.get(random.nextInt(STRINGS.size() - 1));
    }
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(20); i > 0; i--) {
      int codePoint = random.nextInt(4) == 0 ? 0x1F300 + random.nextInt(500) : random.nextInt(0xD000);
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }
}
