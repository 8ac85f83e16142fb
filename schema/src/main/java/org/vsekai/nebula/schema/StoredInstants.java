package org.vsekai.nebula.schema;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the database stores them: to the microsecond, within years both PostgreSQL and
 * CockroachDB store without trouble, so that what a repository returns equals what it stored.
 */
final class StoredInstants {
  static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  private StoredInstants() {}

  static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** {@code at} to the microsecond; null stays null (an open end). */
  static Instant micros(Instant at) {
    if (at == null) {
      return null;
    }
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw new InvalidPeriodException(at + " is outside the years 1970 to 9999");
    }
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /** {@code at} to the microsecond, or now when it is null. */
  static Instant microsOrNow(Instant at, Clock clock) {
    return at == null ? now(clock) : micros(at);
  }
}
