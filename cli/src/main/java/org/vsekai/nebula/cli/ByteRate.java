package org.vsekai.nebula.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/** Parses rates such as {@code 500K}, {@code 2M}, {@code 1.5MiB} or {@code 800000} (bytes/s). */
public final class ByteRate implements ITypeConverter<Long> {
  private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]?)(i?b)?(/s)?");

  @Override
  public Long convert(String value) {
    return parse(value);
  }

  public static long parse(String value) {
    Matcher m = RATE.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a rate; use e.g. 500K, 2M or 1.5MiB (bytes per second)");
    }
    double n = Double.parseDouble(m.group(1));
    long unit =
        switch (m.group(2)) {
          case "k" -> 1024L;
          case "m" -> 1024L * 1024;
          case "g" -> 1024L * 1024 * 1024;
          default -> 1L;
        };
    long bytes = (long) (n * unit);
    if (bytes <= 0) {
      throw new IllegalArgumentException("a rate must be at least 1 byte per second");
    }
    return bytes;
  }
}
