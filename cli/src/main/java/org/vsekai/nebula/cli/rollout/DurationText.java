package org.vsekai.nebula.cli.rollout;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/**
 * Parses durations such as {@code 90s}, {@code 30m}, {@code 24h}, {@code 2d} or ISO {@code
 * PT1H30M}.
 */
public final class DurationText implements ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhd])");

  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(v);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
    } else {
      try {
        d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "'" + value + "' is not a duration; use e.g. 90s, 30m, 24h, 2d or PT1H30M");
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("a duration must be positive, not '" + value + "'");
    }
    return d;
  }
}
