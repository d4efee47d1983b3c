package io.whizbang.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a point in time as an ISO-8601 instant ({@code 2026-12-07T09:00:00Z}) or as a time ago ({@code 2h}). */
public final class Times implements ITypeConverter<Instant> {
  private final Clock clock;

  public Times(CliContext context) {
    this.clock = context.clock();
  }

  @Override
  public Instant convert(String value) {
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException notAnInstant) {
      try {
        return clock.instant().minus(Durations.parse(value));
      } catch (TypeConversionException notADuration) {
        throw new TypeConversionException("'" + value + "' is not a time: use an ISO-8601 instant such as"
            + " 2026-12-07T09:00:00Z, or a time ago such as 30m, 2h or 7d");
      }
    }
  }
}
